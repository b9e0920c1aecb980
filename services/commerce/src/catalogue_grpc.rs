//! The [`Catalogue`] port over the artwork service's internal gRPC API
//! (`artstation.artwork.v1.ArtworkInternal`). Every call carries the service secret — never a
//! user's token — and gives up after a short timeout, so an unreachable artwork side turns a
//! purchase into a clear `unavailable` instead of a hang. Commerce calls artwork; artwork never
//! calls commerce.

use std::time::Duration;

use artstation_common::service_auth::ServiceSecret;
use artstation_common::upstream::Upstream;
use artstation_domain::{Currency, Money};
use artstation_proto::artwork::v1 as pb;
use pb::artwork_internal_client::ArtworkInternalClient;

use crate::catalogue::{Catalogue, CatalogueError, Quote, SaleNotice};

/// The artwork side over gRPC.
#[derive(Clone)]
pub struct GrpcCatalogue {
    client: ArtworkInternalClient<Upstream>,
    secret: ServiceSecret,
    timeout: Duration,
}

impl GrpcCatalogue {
    /// How long one call may take before the artwork side counts as unavailable.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

    pub fn new(artwork: impl Into<Upstream>, secret: ServiceSecret) -> Self {
        Self {
            client: ArtworkInternalClient::new(artwork.into()),
            secret,
            timeout: Self::DEFAULT_TIMEOUT,
        }
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn request<T>(&self, message: T) -> tonic::Request<T> {
        let mut req = tonic::Request::new(message);
        // Tells the server too, so it stops working on an answer nobody waits for.
        req.set_timeout(self.timeout);
        self.secret.attach(&mut req);
        req
    }

    /// Runs one call under the timeout, mapping every failure to the port's two outcomes.
    async fn call<T, F>(&self, what: &str, call: F) -> Result<T, CatalogueError>
    where
        F: Future<Output = Result<tonic::Response<T>, tonic::Status>>,
    {
        match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(response)) => Ok(response.into_inner()),
            Ok(Err(status)) if status.code() == tonic::Code::NotFound => {
                Err(CatalogueError::NotFound)
            }
            Ok(Err(status)) => {
                // Refused or malformed calls are a misconfiguration, not a passing outage.
                if matches!(
                    status.code(),
                    tonic::Code::PermissionDenied
                        | tonic::Code::Unauthenticated
                        | tonic::Code::InvalidArgument
                ) {
                    tracing::error!(call = what, code = ?status.code(), message = status.message(),
                        "the artwork service refused an internal call");
                }
                Err(CatalogueError::Unavailable(format!(
                    "{what}: {:?}: {}",
                    status.code(),
                    status.message()
                )))
            }
            Err(_) => Err(CatalogueError::Unavailable(format!(
                "{what}: no answer within {:?}",
                self.timeout
            ))),
        }
    }
}

/// The artwork side's quote as the saga reads it; an answer it cannot read is treated as
/// the side being unavailable (nothing is decided on it).
fn quote_from_pb(q: pb::QuoteResponse) -> Result<Quote, CatalogueError> {
    let bad = |what: &str| CatalogueError::Unavailable(format!("quote: malformed {what}"));
    let price = q.effective_price.ok_or_else(|| bad("price"))?;
    let currency = Currency::parse(&price.currency).map_err(|_| bad("currency"))?;
    let effective_price = Money::new(price.amount_minor, currency).map_err(|_| bad("price"))?;
    Ok(Quote {
        artwork_id: q.artwork_id,
        artist_id: q.artist_id,
        effective_price,
        purchasable: q.purchasable,
        edition_size: (q.edition_size > 0).then_some(i64::from(q.edition_size)),
        title: q.title,
        original_sha256: q.original_sha256,
        licence: q.licence,
    })
}

fn sale_record(sale: &SaleNotice) -> pb::SaleRecord {
    pb::SaleRecord {
        order_id: sale.order_id.clone(),
        artwork_id: sale.artwork_id.clone(),
        buyer_id: sale.buyer_id.clone(),
        serial: sale.serial,
    }
}

#[async_trait::async_trait]
impl Catalogue for GrpcCatalogue {
    async fn quote(&self, artwork_id: &str) -> Result<Quote, CatalogueError> {
        let mut req = self.request(pb::QuoteRequest {
            artwork_id: artwork_id.to_owned(),
        });
        // A read: another artwork replica may answer if the first cannot.
        req.extensions_mut()
            .insert(artstation_common::upstream::Idempotent);
        let mut client = self.client.clone();
        quote_from_pb(self.call("quote", client.quote(req)).await?)
    }

    async fn record_sale(&self, sale: &SaleNotice) -> Result<(), CatalogueError> {
        let req = self.request(sale_record(sale));
        let mut client = self.client.clone();
        self.call("record sale", client.record_sale(req)).await?;
        Ok(())
    }

    async fn record_refund(&self, sale: &SaleNotice) -> Result<(), CatalogueError> {
        let req = self.request(sale_record(sale));
        let mut client = self.client.clone();
        self.call("record refund", client.record_refund(req))
            .await?;
        Ok(())
    }
}
