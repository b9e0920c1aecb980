//! The tonic glue: every call verifies the caller's access token, hands the request to a
//! feature of [`Commerce`], and maps the answer to the wire.

use std::sync::Arc;

use artstation_common::audit;
use artstation_common::jwt::authenticate;
use artstation_common::{AccessClaims, TokenVerifier};
use artstation_proto::commerce::v1 as pb;
use artstation_proto::commerce::v1::commerce_service_server::CommerceService as CommerceApi;
use tonic::{Request, Response, Status};

use crate::present;
use crate::purchase::PurchaseInput;
use crate::state::Commerce;

/// The gRPC face of the commerce service.
#[derive(Clone)]
pub struct CommerceService {
    core: Commerce,
    verifier: Arc<TokenVerifier>,
}

impl CommerceService {
    pub fn new(core: Commerce, verifier: Arc<TokenVerifier>) -> Self {
        Self { core, verifier }
    }

    pub fn core(&self) -> &Commerce {
        &self.core
    }

    async fn caller<T>(&self, req: &Request<T>) -> Result<AccessClaims, Status> {
        Ok(authenticate(&self.verifier, req).await?)
    }
}

type Reply<T> = Result<Response<T>, Status>;

fn ok<T>(value: T) -> Reply<T> {
    Ok(Response::new(value))
}

#[tonic::async_trait]
impl CommerceApi for CommerceService {
    async fn purchase(&self, req: Request<pb::PurchaseRequest>) -> Reply<pb::PurchaseResponse> {
        let caller = self.caller(&req).await?;
        let r = req.into_inner();
        let expected_price = r
            .expected_price
            .as_ref()
            .map(|m| present::money_from(Some(m), "expected_price"))
            .transpose()?;
        let input = PurchaseInput {
            artwork_id: r.artwork_id,
            idempotency_key: r.idempotency_key,
            expected_price,
        };
        let done = self.core.purchase(&caller, &input).await;
        artstation_common::telemetry::metrics::purchase(&done);
        let done = done?;
        ok(pb::PurchaseResponse {
            order: Some(present::order(&done.order)),
            replayed: done.replayed,
        })
    }

    async fn get_order(&self, req: Request<pb::GetOrderRequest>) -> Reply<pb::Order> {
        let caller = self.caller(&req).await?;
        let order = self.core.get_order(&caller, &req.get_ref().id).await?;
        ok(present::order(&order))
    }

    async fn list_purchases(
        &self,
        req: Request<pb::ListPurchasesRequest>,
    ) -> Reply<pb::ListOrdersResponse> {
        let caller = self.caller(&req).await?;
        let r = req.get_ref();
        let page = self.core.purchases(&caller, r.limit, &r.cursor).await?;
        ok(pb::ListOrdersResponse {
            next_cursor: page.wire_cursor(),
            items: page.items.iter().map(present::order).collect(),
        })
    }

    async fn refund(&self, req: Request<pb::RefundRequest>) -> Reply<pb::Order> {
        let caller = self.caller(&req).await?;
        let order = self.core.refund(&caller, &req.get_ref().order_id).await?;
        ok(present::order(&order))
    }

    async fn get_wallet(&self, req: Request<pb::GetWalletRequest>) -> Reply<pb::Wallet> {
        let caller = self.caller(&req).await?;
        ok(present::wallet(&self.core.wallet(&caller).await?))
    }

    async fn top_up(&self, req: Request<pb::TopUpRequest>) -> Reply<pb::Wallet> {
        let caller = self.caller(&req).await?;
        let amount = present::money_from(req.get_ref().amount.as_ref(), "amount")?;
        ok(present::wallet(&self.core.top_up(&caller, amount).await?))
    }

    async fn admin_credit(&self, req: Request<pb::AdminCreditRequest>) -> Reply<pb::Wallet> {
        let caller = self.caller(&req).await?;
        let r = req.get_ref();
        let amount = present::money_from(r.amount.as_ref(), "amount")?;
        let balances = self
            .core
            .credit(&caller, &r.user_id, amount, &r.reason)
            .await?;
        ok(present::wallet(&balances))
    }

    async fn list_sales(&self, req: Request<pb::ListSalesRequest>) -> Reply<pb::SalesResponse> {
        let caller = self.caller(&req).await?;
        let r = req.get_ref();
        let (page, earnings) = self.core.sales(&caller, r.limit, &r.cursor).await?;
        ok(pb::SalesResponse {
            next_cursor: page.wire_cursor(),
            items: page.items.iter().map(present::order).collect(),
            earnings: earnings.iter().map(present::earnings).collect(),
        })
    }

    async fn request_payout(&self, req: Request<pb::RequestPayoutRequest>) -> Reply<pb::Payout> {
        let caller = self.caller(&req).await?;
        let payout = self
            .core
            .request_payout(&caller, &req.get_ref().currency)
            .await?;
        ok(present::payout(&payout))
    }

    async fn mark_payout_paid(&self, req: Request<pb::MarkPayoutPaidRequest>) -> Reply<pb::Payout> {
        let caller = self.caller(&req).await?;
        let payout = self
            .core
            .mark_payout_paid(&caller, &req.get_ref().payout_id)
            .await?;
        ok(present::payout(&payout))
    }

    async fn list_audit(
        &self,
        req: Request<audit::pb::ListAuditRequest>,
    ) -> Reply<audit::pb::ListAuditResponse> {
        let caller = self.caller(&req).await?;
        ok(self.core.audit(&caller, req.into_inner()).await?)
    }

    async fn get_licence(&self, req: Request<pb::GetLicenceRequest>) -> Reply<pb::Licence> {
        let caller = self.caller(&req).await?;
        let cert = self.core.licence(&caller, &req.get_ref().order_id).await?;
        ok(pb::Licence {
            certificate: cert.certificate,
            kid: cert.kid,
            revoked: cert.revoked,
        })
    }

    async fn get_licence_keys(
        &self,
        _req: Request<pb::GetLicenceKeysRequest>,
    ) -> Reply<pb::LicenceKeys> {
        ok(pb::LicenceKeys {
            keys: self
                .core
                .licence_keys()
                .keys
                .iter()
                .map(present::jwk)
                .collect(),
        })
    }
}
