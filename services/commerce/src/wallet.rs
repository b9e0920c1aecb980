//! Wallets: balances, sandbox top-ups and admin credits. The wallet is the one payment
//! provider: a purchase is paid from the buyer's wallet in the price's currency.

use artstation_common::{AccessClaims, ServiceError, caller};
use artstation_domain::Money;

use crate::state::Commerce;
use crate::store::{AccountKind, Balance, Funding, FundingSource};

impl Commerce {
    pub async fn wallet(&self, caller: &AccessClaims) -> Result<Vec<Balance>, ServiceError> {
        Ok(self
            .store
            .balances(&caller.sub, AccountKind::Wallet)
            .await?)
    }

    /// Adds money to the caller's own wallet; only when payments are in sandbox mode.
    pub async fn top_up(
        &self,
        caller: &AccessClaims,
        amount: Money,
    ) -> Result<Vec<Balance>, ServiceError> {
        if !self.config.payments_sandbox {
            return Err(ServiceError::forbidden(
                "top-ups need sandbox payments; ask an admin for a credit",
            ));
        }
        self.fund(
            &caller.sub,
            amount,
            FundingSource::SandboxTopUp,
            String::new(),
        )
        .await?;
        self.wallet(caller).await
    }

    /// Admin only: adds money to a user's wallet, with a reason kept on the ledger.
    pub async fn credit(
        &self,
        caller: &AccessClaims,
        user_id: &str,
        amount: Money,
        reason: &str,
    ) -> Result<Vec<Balance>, ServiceError> {
        caller::require_admin(caller)?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 500 {
            return Err(ServiceError::validation(
                "reason",
                "required, at most 500 characters",
            ));
        }
        if user_id.trim().is_empty() {
            return Err(ServiceError::validation("user_id", "required"));
        }
        self.fund(
            user_id,
            amount,
            FundingSource::AdminCredit,
            format!("{}: {reason}", caller.sub),
        )
        .await?;
        let what = format!(
            "{} {}: {reason}",
            amount.amount_minor(),
            amount.currency().code()
        );
        self.record_audit(caller, "credit", "user", user_id, Some(what))
            .await?;
        Ok(self.store.balances(user_id, AccountKind::Wallet).await?)
    }

    async fn fund(
        &self,
        user_id: &str,
        amount: Money,
        source: FundingSource,
        note: String,
    ) -> Result<(), ServiceError> {
        if amount.amount_minor() <= 0 {
            return Err(ServiceError::validation(
                "amount.amount_minor",
                "must be positive",
            ));
        }
        self.store
            .fund_wallet(&Funding {
                transfer_id: uuid::Uuid::now_v7().to_string(),
                user_id: user_id.to_owned(),
                amount,
                source,
                note,
                at: artstation_common::now(),
            })
            .await?;
        Ok(())
    }
}
