//! A real artwork service on a real socket for the internal-call tests: SQLite and local
//! disk, tokens signed by a test key the service trusts, and artworks put straight into its
//! store (the upload path has tests of its own).

#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use artstation_artwork::storage::{BlobKey, BlobStore, LocalDisk};
use artstation_artwork::store::{self, ArtworkRecord, ArtworkStore};
use artstation_artwork::{ArtworkConfig, ArtworkService};
use artstation_common::jwt::{ACCESS_TOKEN_TYP, AccessClaims, KeySource};
use artstation_common::service_auth::ServiceSecret;
use artstation_common::{Cache, Revocations, ServiceError, TokenVerifier};
use artstation_domain::Role;
use artstation_proto::artwork::v1 as pb;
use artstation_proto::auth::v1 as auth_pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bytes::Bytes;
use futures::StreamExt as _;
use tonic::transport::Channel;

const ISSUER: &str = "artstation-test";
const AUDIENCE: &str = "artstation";
const KID: &str = "test-key";
/// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

struct StaticKeys(auth_pb::PublicKeys);

impl KeySource for StaticKeys {
    fn fetch(
        &self,
    ) -> Pin<Box<dyn Future<Output = Result<auth_pb::PublicKeys, ServiceError>> + Send + '_>> {
        let keys = self.0.clone();
        Box::pin(async move { Ok(keys) })
    }
}

pub struct Served {
    pub addr: String,
    pub channel: Channel,
    pub store: Arc<dyn ArtworkStore>,
    pub blobs: Arc<dyn BlobStore>,
    signing: jsonwebtoken::EncodingKey,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _dir: tempfile::TempDir,
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Served {
    /// Starts the service on port 0; `secret` is its internal secret (`None`: none set).
    pub async fn start(secret: Option<ServiceSecret>) -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let db = format!("sqlite://{}", dir.path().join("artwork.db").display());
        let store = store::open(&db).await?;
        let blobs: Arc<dyn BlobStore> = Arc::new(LocalDisk::open(dir.path().join("blobs")).await?);
        let seed = [7u8; 32];
        let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
        let mut der = PKCS8_ED25519_PREFIX.to_vec();
        der.extend_from_slice(&seed);
        let keys = auth_pb::PublicKeys {
            keys: vec![auth_pb::PublicKey {
                kid: KID.into(),
                kty: "OKP".into(),
                crv: "Ed25519".into(),
                alg: "EdDSA".into(),
                x: URL_SAFE_NO_PAD.encode(public.as_bytes()),
            }],
            issuer: ISSUER.into(),
            audience: AUDIENCE.into(),
        };
        let cache = Arc::new(Cache::in_process());
        let revocations = Arc::new(Revocations::new(cache.clone(), Duration::from_secs(900)));
        let verifier = Arc::new(TokenVerifier::new(Arc::new(StaticKeys(keys)), revocations));
        let mut config = ArtworkConfig::new(db, "file:///unused");
        config.sweep_interval = None;
        config.internal_secret = secret;
        let service = ArtworkService::new(config, store.clone(), blobs.clone(), verifier, cache);

        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = format!("http://{}", listener.local_addr()?);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(artstation_artwork::serve(listener, service, async move {
            let _ = stopped.await;
        }));
        let channel = tonic::transport::Endpoint::from_shared(addr.clone())?
            .connect()
            .await?;
        Ok(Self {
            addr,
            channel,
            store,
            blobs,
            signing: jsonwebtoken::EncodingKey::from_ed_der(&der),
            stop: Some(stop),
            _dir: dir,
        })
    }

    pub fn internal(&self) -> pb::artwork_internal_client::ArtworkInternalClient<Channel> {
        pb::artwork_internal_client::ArtworkInternalClient::new(self.channel.clone())
    }

    pub fn public(&self) -> pb::artwork_service_client::ArtworkServiceClient<Channel> {
        pb::artwork_service_client::ArtworkServiceClient::new(self.channel.clone())
    }

    /// An access token for `user` with `role`, as the auth service would sign it.
    pub fn token(&self, user: &str, role: Role) -> Result<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: user.into(),
            exp: now + 600,
            iat: now,
            nbf: now,
            jti: uuid::Uuid::now_v7().to_string(),
            sid: uuid::Uuid::now_v7().to_string(),
            role,
            preferred_username: user.into(),
        };
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
        header.typ = Some(ACCESS_TOKEN_TYP.into());
        header.kid = Some(KID.into());
        Ok(jsonwebtoken::encode(&header, &claims, &self.signing)?)
    }

    /// Stores `artwork` with `original` as its original's bytes.
    pub async fn put(&self, artwork: &ArtworkRecord, original: &'static [u8]) -> Result<()> {
        let id = uuid::Uuid::parse_str(&artwork.id)?;
        self.blobs
            .put_bytes(
                &BlobKey::original(&id),
                Bytes::from_static(original),
                "image/png",
            )
            .await?;
        self.store.create(artwork).await?;
        Ok(())
    }

    /// The original of `id` through the public `ReadImage`, as `user` (`None`: anonymous).
    pub async fn read_original(
        &self,
        id: &str,
        token: Option<&str>,
    ) -> Result<Vec<u8>, tonic::Status> {
        let mut req = tonic::Request::new(pb::ReadImageRequest {
            id: id.into(),
            variant: pb::ImageVariant::Original.into(),
            ..Default::default()
        });
        if let Some(t) = token {
            let value = format!("Bearer {t}")
                .parse()
                .map_err(|_| tonic::Status::internal("token"))?;
            req.metadata_mut().insert("authorization", value);
        }
        let mut stream = self.public().read_image(req).await?.into_inner();
        let mut bytes = Vec::new();
        while let Some(msg) = stream.next().await {
            if let Some(pb::read_image_response::Part::Chunk(c)) = msg?.part {
                bytes.extend(c);
            }
        }
        Ok(bytes)
    }
}

/// `msg` with the service secret attached.
pub fn as_service<T>(secret: &ServiceSecret, msg: T) -> tonic::Request<T> {
    let mut req = tonic::Request::new(msg);
    secret.attach(&mut req);
    req
}

/// `msg` with a user's bearer token only.
pub fn as_user<T>(token: &str, msg: T) -> Result<tonic::Request<T>> {
    let mut req = tonic::Request::new(msg);
    req.metadata_mut().insert(
        "authorization",
        format!("Bearer {token}").parse().context("token")?,
    );
    Ok(req)
}
