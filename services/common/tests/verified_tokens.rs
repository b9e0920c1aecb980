//! The verifier checks each token's signature once and remembers it; what can change about a
//! token still valid by its signature — its time window and its session's revocation — is
//! checked on every use, remembered or not.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, ensure};
use artstation_common::jwt::{ACCESS_TOKEN_TYP, AccessClaims, KeySource, LEEWAY_SECS};
use artstation_common::{Cache, Revocations, ServiceError, TokenVerifier};
use artstation_domain::Role;
use artstation_proto::auth::v1 as pb;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

struct StaticKeys(pb::PublicKeys);

impl KeySource for StaticKeys {
    fn fetch(
        &self,
    ) -> Pin<Box<dyn Future<Output = Result<pb::PublicKeys, ServiceError>> + Send + '_>> {
        let keys = self.0.clone();
        Box::pin(async move { Ok(keys) })
    }
}

struct Signer {
    key: jsonwebtoken::EncodingKey,
}

impl Signer {
    fn token(&self, exp_in: i64, sid: &str) -> Result<String> {
        let now = chrono::Utc::now().timestamp();
        let claims = AccessClaims {
            iss: "iss".into(),
            aud: "aud".into(),
            sub: "user".into(),
            exp: now + exp_in,
            iat: now,
            nbf: now,
            jti: uuid::Uuid::now_v7().to_string(),
            sid: sid.into(),
            role: Role::Buyer,
            preferred_username: "user".into(),
        };
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
        header.typ = Some(ACCESS_TOKEN_TYP.into());
        header.kid = Some("k1".into());
        Ok(jsonwebtoken::encode(&header, &claims, &self.key)?)
    }
}

fn setup() -> (TokenVerifier, Arc<Revocations>, Signer) {
    let seed = [9u8; 32];
    let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
    let mut der = PKCS8_ED25519_PREFIX.to_vec();
    der.extend_from_slice(&seed);
    let keys = pb::PublicKeys {
        keys: vec![pb::PublicKey {
            kid: "k1".into(),
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            alg: "EdDSA".into(),
            x: URL_SAFE_NO_PAD.encode(public.as_bytes()),
        }],
        issuer: "iss".into(),
        audience: "aud".into(),
    };
    let revocations = Arc::new(Revocations::new(
        Arc::new(Cache::in_process()),
        Duration::from_secs(900),
    ));
    let verifier = TokenVerifier::new(Arc::new(StaticKeys(keys)), revocations.clone());
    let signer = Signer {
        key: jsonwebtoken::EncodingKey::from_ed_der(&der),
    };
    (verifier, revocations, signer)
}

#[tokio::test]
async fn a_remembered_token_still_expires_and_can_be_revoked() -> Result<()> {
    let (verifier, revocations, signer) = setup();
    // Valid for about one more second, leeway included.
    let leeway = i64::try_from(LEEWAY_SECS)?;
    let short = signer.token(1 - leeway, "s1")?;
    ensure!(verifier.verify(&short).await.is_ok(), "first use");
    ensure!(verifier.verify(&short).await.is_ok(), "remembered use");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    ensure!(
        verifier.verify(&short).await.is_err(),
        "a remembered token was accepted after it expired"
    );

    let long = signer.token(600, "s2")?;
    ensure!(verifier.verify(&long).await.is_ok(), "first use");
    ensure!(verifier.verify(&long).await.is_ok(), "remembered use");
    revocations.revoke_session("s2").await?;
    ensure!(
        verifier.verify(&long).await.is_err(),
        "a remembered token was accepted after its session was revoked"
    );

    // A token differing in one signature character is checked, not taken for the other.
    let other = signer.token(600, "s3")?;
    ensure!(verifier.verify(&other).await.is_ok(), "first use");
    // Changed well inside the signature (its last character holds padding bits).
    let at = other.len() - 10;
    let swap = if other.as_bytes()[at] == b'A' {
        "B"
    } else {
        "A"
    };
    let forged = format!("{}{swap}{}", &other[..at], &other[at + 1..]);
    ensure!(
        verifier.verify(&forged).await.is_err(),
        "a forged signature passed"
    );
    Ok(())
}
