//! The ledger's SQL, written once for both backends: posting a balanced transfer inside a
//! caller's transaction, and the checks behind `artstationd ledger check`.

use super::{AccountKind, StoreError, Timestamp};

/// One side of a transfer: an amount added to (positive) or taken from (negative) an account.
#[derive(Debug, Clone)]
pub(super) struct Leg<'a> {
    pub kind: AccountKind,
    pub owner: &'a str,
    pub amount: i64,
    /// The lowest balance this leg may leave; `None` for accounts allowed to go negative.
    pub floor: Option<i64>,
}

impl<'a> Leg<'a> {
    /// A leg that must not take the account below zero.
    pub fn guarded(kind: AccountKind, owner: &'a str, amount: i64) -> Self {
        Self {
            kind,
            owner,
            amount,
            floor: Some(0),
        }
    }

    pub fn free(kind: AccountKind, owner: &'a str, amount: i64) -> Self {
        Self {
            kind,
            owner,
            amount,
            floor: None,
        }
    }
}

/// The header of a transfer: `(kind, reference)` is unique, so a saga step that posts twice
/// (a retry, a recovery pass racing a request) posts once.
#[derive(Debug, Clone)]
pub(super) struct TransferHead<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub reference: &'a str,
    pub note: &'a str,
    pub currency: &'a str,
    pub at: Timestamp,
}

/// Legs of a transfer must cancel out; a bug that breaks this must not reach the database.
pub(super) fn check_balanced(legs: &[Leg<'_>]) -> Result<(), StoreError> {
    let sum: i128 = legs.iter().map(|l| i128::from(l.amount)).sum();
    if sum == 0 {
        Ok(())
    } else {
        Err(StoreError::Corrupt(format!(
            "unbalanced transfer (sum {sum})"
        )))
    }
}

macro_rules! ledger_fns {
    ($db:ty, $pool:ty) => {
        type Tx = sqlx::Transaction<'static, $db>;

        /// Writes a transfer and its postings and moves the balances, in `tx`. Accounts are
        /// touched in id order, so concurrent transfers lock rows in one order and cannot
        /// deadlock. Returns false (and writes nothing) if the transfer was posted before;
        /// `InsufficientFunds` if a guarded balance would drop below its floor, in which case
        /// the caller must roll back.
        async fn post_transfer(
            tx: &mut Tx,
            head: &super::ledger_sql::TransferHead<'_>,
            legs: &[super::ledger_sql::Leg<'_>],
        ) -> Result<bool, StoreError> {
            super::ledger_sql::check_balanced(legs)?;
            let inserted = sqlx::query(
                "INSERT INTO transfers (id, kind, reference, note, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(head.id)
            .bind(head.kind)
            .bind(head.reference)
            .bind(head.note)
            .bind(head.at)
            .execute(&mut **tx)
            .await?;
            if inserted.rows_affected() == 0 {
                return Ok(false);
            }
            let mut legs: Vec<(String, &super::ledger_sql::Leg<'_>)> = legs
                .iter()
                .filter(|l| l.amount != 0)
                .map(|l| (l.kind.account_id(l.owner, head.currency), l))
                .collect();
            legs.sort_by(|a, b| a.0.cmp(&b.0));
            for (account, leg) in legs {
                sqlx::query(
                    "INSERT INTO accounts (id, kind, owner_id, currency, balance) \
                     VALUES ($1, $2, $3, $4, 0) ON CONFLICT DO NOTHING",
                )
                .bind(&account)
                .bind(leg.kind.as_str())
                .bind(leg.owner)
                .bind(head.currency)
                .execute(&mut **tx)
                .await?;
                let moved = sqlx::query(
                    "UPDATE accounts SET balance = balance + $2 \
                     WHERE id = $1 AND balance + $2 >= $3",
                )
                .bind(&account)
                .bind(leg.amount)
                .bind(leg.floor.unwrap_or(i64::MIN))
                .execute(&mut **tx)
                .await?;
                if moved.rows_affected() == 0 {
                    return Err(StoreError::InsufficientFunds);
                }
                sqlx::query(
                    "INSERT INTO postings (transfer_id, account_id, currency, amount) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(head.id)
                .bind(&account)
                .bind(head.currency)
                .bind(leg.amount)
                .execute(&mut **tx)
                .await?;
            }
            Ok(true)
        }

        async fn balance_in(
            tx: &mut Tx,
            kind: AccountKind,
            owner: &str,
            currency: &str,
        ) -> Result<i64, StoreError> {
            let balance: Option<i64> =
                sqlx::query_scalar("SELECT balance FROM accounts WHERE id = $1")
                    .bind(kind.account_id(owner, currency))
                    .fetch_optional(&mut **tx)
                    .await?;
            Ok(balance.unwrap_or(0))
        }

        /// Runs every ledger invariant as a query; see [`super::LedgerReport`].
        async fn ledger_report(pool: &$pool) -> Result<super::LedgerReport, StoreError> {
            let currency_sums = sqlx::query_as::<_, (String, i64)>(
                "SELECT currency, CAST(SUM(amount) AS BIGINT) FROM postings \
                 GROUP BY currency ORDER BY currency",
            )
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|(currency, amount_minor)| super::Balance {
                currency,
                amount_minor,
            })
            .collect();
            let mismatched_accounts = sqlx::query_as::<_, (String, i64, i64)>(
                "SELECT a.id, a.balance, CAST(COALESCE(SUM(p.amount), 0) AS BIGINT) \
                 FROM accounts a LEFT JOIN postings p ON p.account_id = a.id \
                 GROUP BY a.id, a.balance HAVING a.balance <> COALESCE(SUM(p.amount), 0) \
                 ORDER BY a.id",
            )
            .fetch_all(pool)
            .await?;
            let unbalanced_transfers = sqlx::query_scalar::<_, String>(
                "SELECT transfer_id FROM postings GROUP BY transfer_id \
                 HAVING SUM(amount) <> 0 ORDER BY transfer_id",
            )
            .fetch_all(pool)
            .await?;
            // A paid (or refunded) order has exactly its purchase transfer, a refunded one its
            // refund transfer too, and no other order has either.
            let unpaid_orders = sqlx::query_scalar::<_, String>(
                "SELECT o.id FROM orders o WHERE o.amount_minor > 0 AND ( \
                   (o.status IN ('paid', 'refunded')) <> EXISTS (SELECT 1 FROM transfers t \
                      WHERE t.kind = 'purchase' AND t.reference = o.id) \
                   OR (o.status = 'refunded') <> EXISTS (SELECT 1 FROM transfers t \
                      WHERE t.kind = 'refund' AND t.reference = o.id)) \
                 ORDER BY o.id",
            )
            .fetch_all(pool)
            .await?;
            let negative_accounts = sqlx::query_scalar::<_, String>(
                "SELECT id FROM accounts WHERE balance < 0 \
                 AND kind IN ('wallet', 'payout_pending') ORDER BY id",
            )
            .fetch_all(pool)
            .await?;
            Ok(super::LedgerReport {
                currency_sums,
                mismatched_accounts,
                unbalanced_transfers,
                unpaid_orders,
                negative_accounts,
            })
        }
    };
}

pub(super) use ledger_fns;
