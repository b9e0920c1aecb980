//! Every admin-only gRPC method of every service refuses a buyer's and an artist's token on
//! its own, called straight at the service's address: the gateway's check is not the only one.
//! The methods are the ones the protos under proto/ mark admin only (auth: ListUsers, BanUser,
//! UnbanUser, SetRole, ListAudit; artwork: PutCategory, SetSale, Moderate,
//! ListFlaggedArtworks, ListModerationQueue, ModerateMany, DismissReports, ListAudit;
//! commerce: AdminCredit, MarkPayoutPaid, ListAudit). Each request is well formed, so a refusal
//! is about who asks, not what was sent.

use anyhow::{Result, ensure};
use artstation_proto::artwork::v1 as art;
use artstation_proto::auth::v1 as auth;
use artstation_proto::commerce::v1 as com;
use artstation_tests::http::{Api, access_token};
use tonic::Code;

use super::Ctx;

fn as_user<T>(msg: T, token: &str) -> Result<tonic::Request<T>> {
    let mut req = tonic::Request::new(msg);
    req.metadata_mut()
        .insert("authorization", format!("Bearer {token}").parse()?);
    Ok(req)
}

/// The outcome of one call as a failure message, `None` when it was PermissionDenied.
fn unrefused<T: std::fmt::Debug>(
    what: &str,
    who: &str,
    r: Result<tonic::Response<T>, tonic::Status>,
) -> Option<String> {
    match r {
        Err(s) if s.code() == Code::PermissionDenied => None,
        other => Some(format!("{what} as {who}: {other:?}")),
    }
}

pub(super) async fn services_refuse_non_admins(api: &Api, c: Ctx) -> Result<()> {
    // A buyer of their own: the story's buyers are banned or promoted by now.
    api.register("fay", "buyer").await?;
    let fay = access_token(&api.login("fay").await?)?;
    let mut failures = Vec::new();
    for (who, token) in [("a buyer", fay.as_str()), ("an artist", c.bob.as_str())] {
        failures.extend(artwork_refuses(&c, who, token).await?);
        failures.extend(auth_refuses(&c, who, token).await?);
        failures.extend(commerce_refuses(&c, who, token).await?);
    }
    ensure!(
        failures.is_empty(),
        "admin methods not refused:\n{}",
        failures.join("\n")
    );
    Ok(())
}

async fn artwork_refuses(c: &Ctx, who: &str, t: &str) -> Result<Vec<String>> {
    let mut client =
        art::artwork_service_client::ArtworkServiceClient::connect(c.artwork_grpc.clone()).await?;
    let hide = |id: &str| art::ModerateRequest {
        artwork_id: id.to_owned(),
        action: "hide".into(),
        reason: "mine now".into(),
    };
    let category = art::Category {
        slug: "stolen-goods".into(),
        name: "Stolen goods".into(),
    };
    // Percent 0 ends the sale: valid without dates.
    let sale = art::Sale::default();
    let many = art::ModerateManyRequest {
        ids: vec![c.harbour.clone()],
        action: "remove".into(),
        reason: "mine now".into(),
    };
    let dismiss = art::DismissReportsRequest {
        artwork_id: c.harbour.clone(),
        reason: "no".into(),
    };
    let queue = art::ModerationQueueRequest::default();
    let flagged = art::ListArtworksRequest::default();
    let audit = artstation_proto::audit::v1::ListAuditRequest::default();
    Ok([
        unrefused(
            "artwork PutCategory",
            who,
            client.put_category(as_user(category, t)?).await,
        ),
        unrefused(
            "artwork SetSale",
            who,
            client.set_sale(as_user(sale, t)?).await,
        ),
        unrefused(
            "artwork Moderate",
            who,
            client.moderate(as_user(hide(&c.neon), t)?).await,
        ),
        unrefused(
            "artwork ListFlaggedArtworks",
            who,
            client.list_flagged_artworks(as_user(flagged, t)?).await,
        ),
        unrefused(
            "artwork ListModerationQueue",
            who,
            client.list_moderation_queue(as_user(queue, t)?).await,
        ),
        unrefused(
            "artwork ModerateMany",
            who,
            client.moderate_many(as_user(many, t)?).await,
        ),
        unrefused(
            "artwork DismissReports",
            who,
            client.dismiss_reports(as_user(dismiss, t)?).await,
        ),
        unrefused(
            "artwork ListAudit",
            who,
            client.list_audit(as_user(audit, t)?).await,
        ),
    ]
    .into_iter()
    .flatten()
    .collect())
}

async fn auth_refuses(c: &Ctx, who: &str, t: &str) -> Result<Vec<String>> {
    let mut client =
        auth::auth_service_client::AuthServiceClient::connect(c.auth_grpc.clone()).await?;
    let ban = auth::BanUserRequest {
        user_id: c.cat_id.clone(),
        reason: "no".into(),
    };
    let unban = auth::UnbanUserRequest {
        user_id: c.cat_id.clone(),
        reason: "no".into(),
    };
    let role = auth::SetRoleRequest {
        user_id: c.cat_id.clone(),
        role: auth::Role::Admin.into(),
        reason: "promote myself".into(),
    };
    let users = auth::ListUsersRequest::default();
    let audit = artstation_proto::audit::v1::ListAuditRequest::default();
    Ok([
        unrefused(
            "auth ListUsers",
            who,
            client.list_users(as_user(users, t)?).await,
        ),
        unrefused("auth BanUser", who, client.ban_user(as_user(ban, t)?).await),
        unrefused(
            "auth UnbanUser",
            who,
            client.unban_user(as_user(unban, t)?).await,
        ),
        unrefused(
            "auth SetRole",
            who,
            client.set_role(as_user(role, t)?).await,
        ),
        unrefused(
            "auth ListAudit",
            who,
            client.list_audit(as_user(audit, t)?).await,
        ),
    ]
    .into_iter()
    .flatten()
    .collect())
}

async fn commerce_refuses(c: &Ctx, who: &str, t: &str) -> Result<Vec<String>> {
    let mut client =
        com::commerce_service_client::CommerceServiceClient::connect(c.commerce_grpc.clone())
            .await?;
    let credit = com::AdminCreditRequest {
        user_id: c.cat_id.clone(),
        amount: Some(com::Money {
            amount_minor: 100_000,
            currency: "EUR".into(),
        }),
        reason: "for me".into(),
    };
    let paid = com::MarkPayoutPaidRequest {
        payout_id: uuid::Uuid::now_v7().to_string(),
    };
    let audit = artstation_proto::audit::v1::ListAuditRequest::default();
    Ok([
        unrefused(
            "commerce AdminCredit",
            who,
            client.admin_credit(as_user(credit, t)?).await,
        ),
        unrefused(
            "commerce MarkPayoutPaid",
            who,
            client.mark_payout_paid(as_user(paid, t)?).await,
        ),
        unrefused(
            "commerce ListAudit",
            who,
            client.list_audit(as_user(audit, t)?).await,
        ),
    ]
    .into_iter()
    .flatten()
    .collect())
}
