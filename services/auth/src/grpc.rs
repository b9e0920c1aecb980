//! The gRPC face of the auth service (`artstation.auth.v1.AuthService`): each call
//! authenticates the caller where it needs one, hands the request to the feature that owns it
//! (`accounts`, `sessions`, `admin`, `tokens`) and returns its answer. No rule lives here.

use std::sync::Arc;

use artstation_common::Cache;
use artstation_common::caller::require_admin;
use artstation_common::jwt::authenticate;
use artstation_proto::auth::v1 as pb;
use artstation_proto::auth::v1::auth_service_server::AuthServiceServer;
use tonic::service::Routes;
use tonic::{Request, Response, Status};

use crate::config::AuthConfig;
use crate::errors::AuthError;
use crate::state::State;
use crate::store::SharedStore;
use crate::{accounts, admin, audit, sessions, tokens};

#[derive(Clone)]
pub struct AuthService {
    state: Arc<State>,
}

impl AuthService {
    /// Opens the service: loads (or creates) the signing keys, re-seeds the shared cache with
    /// revocations recorded in the database (they must survive a cache restart), and keeps the
    /// keys fresh in the background.
    pub async fn new(
        config: AuthConfig,
        store: SharedStore,
        cache: Arc<Cache>,
    ) -> Result<Self, AuthError> {
        Ok(Self {
            state: State::open(config, store, cache).await?,
        })
    }

    /// Re-reads the signing keys now (the background task does this every 5 s).
    pub async fn reload_keys(&self) -> Result<(), AuthError> {
        Ok(self.state.keys.reload().await?)
    }

    /// Whether the caller proved to be a service (the gateway), whose `client_ip` is believed.
    fn vouched<T>(&self, req: &Request<T>) -> bool {
        self.state
            .config
            .internal_secret
            .as_ref()
            .is_some_and(|s| s.check(req.metadata()).is_ok())
    }

    /// The routes that serve this service.
    pub(crate) fn routes(self) -> Routes {
        Routes::new(AuthServiceServer::new(self))
    }
}

#[tonic::async_trait]
impl pb::auth_service_server::AuthService for AuthService {
    async fn register(
        &self,
        req: Request<pb::RegisterRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let peer = req.remote_addr().map(|a| a.ip().to_string());
        let vouched = self.vouched(&req);
        let mut req = req.into_inner();
        if !vouched {
            req.client_ip.clear();
        }
        Ok(Response::new(
            accounts::register(&self.state, req, peer).await?,
        ))
    }

    async fn login(
        &self,
        req: Request<pb::LoginRequest>,
    ) -> Result<Response<pb::TokenPair>, Status> {
        let peer = req.remote_addr().map(|a| a.ip().to_string());
        let vouched = self.vouched(&req);
        let mut req = req.into_inner();
        if !vouched {
            req.client_ip.clear();
        }
        let outcome = sessions::login(&self.state, req, peer).await;
        artstation_common::telemetry::metrics::login(&outcome);
        Ok(Response::new(outcome?))
    }

    async fn refresh(
        &self,
        req: Request<pb::RefreshRequest>,
    ) -> Result<Response<pb::TokenPair>, Status> {
        Ok(Response::new(
            sessions::refresh(&self.state, req.into_inner()).await?,
        ))
    }

    async fn logout(
        &self,
        req: Request<pb::LogoutRequest>,
    ) -> Result<Response<pb::LogoutResponse>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        sessions::logout(&self.state, &claims, req.into_inner()).await?;
        Ok(Response::new(pb::LogoutResponse {}))
    }

    async fn get_me(&self, req: Request<pb::GetMeRequest>) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(accounts::me(&self.state, &claims.sub).await?))
    }

    async fn get_public_keys(
        &self,
        _req: Request<pb::GetPublicKeysRequest>,
    ) -> Result<Response<pb::PublicKeys>, Status> {
        Ok(Response::new(tokens::public_keys(&self.state).await))
    }

    async fn change_password(
        &self,
        req: Request<pb::ChangePasswordRequest>,
    ) -> Result<Response<pb::ChangePasswordResponse>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        accounts::change_password(&self.state, &claims, req.into_inner()).await?;
        Ok(Response::new(pb::ChangePasswordResponse {}))
    }

    async fn request_artist_role(
        &self,
        req: Request<pb::RequestArtistRoleRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        Ok(Response::new(
            accounts::request_artist(&self.state, &claims).await?,
        ))
    }

    async fn list_users(
        &self,
        req: Request<pb::ListUsersRequest>,
    ) -> Result<Response<pb::ListUsersResponse>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        require_admin(&claims)?;
        Ok(Response::new(
            admin::list_users(&self.state, req.into_inner()).await?,
        ))
    }

    async fn ban_user(
        &self,
        req: Request<pb::BanUserRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        require_admin(&claims)?;
        let req = req.into_inner();
        Ok(Response::new(
            admin::set_banned(&self.state, &claims, &req.user_id, true, &req.reason).await?,
        ))
    }

    async fn unban_user(
        &self,
        req: Request<pb::UnbanUserRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        require_admin(&claims)?;
        let req = req.into_inner();
        Ok(Response::new(
            admin::set_banned(&self.state, &claims, &req.user_id, false, &req.reason).await?,
        ))
    }

    async fn set_role(
        &self,
        req: Request<pb::SetRoleRequest>,
    ) -> Result<Response<pb::User>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        require_admin(&claims)?;
        Ok(Response::new(
            admin::set_role(&self.state, &claims, req.into_inner()).await?,
        ))
    }

    async fn list_audit(
        &self,
        req: Request<artstation_common::audit::pb::ListAuditRequest>,
    ) -> Result<Response<artstation_common::audit::pb::ListAuditResponse>, Status> {
        let claims = authenticate(&self.state.verifier, &req).await?;
        require_admin(&claims)?;
        Ok(Response::new(
            audit::list(&self.state, req.into_inner()).await?,
        ))
    }
}
