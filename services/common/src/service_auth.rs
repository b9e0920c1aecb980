//! How one service proves to another that it is a service, not a user: a shared secret in
//! the `x-artstation-service` metadata entry of internal calls. Internal RPCs accept nothing
//! else — a user's access token, however privileged, never opens them — and the gateway never
//! forwards that entry from a client.

use tonic::metadata::{MetadataMap, MetadataValue};

use crate::ServiceError;

/// gRPC metadata entry carrying the service secret on internal calls.
pub const SERVICE_METADATA: &str = "x-artstation-service";
/// Shorter secrets are refused at start: they could be guessed.
pub const MIN_SECRET_LEN: usize = 32;

/// The secret services share (`ARTSTATION_INTERNAL_SECRET`, or one made per process when every
/// role runs in it).
#[derive(Clone)]
pub struct ServiceSecret(String);

impl std::fmt::Debug for ServiceSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServiceSecret(…)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the internal secret must be at least {MIN_SECRET_LEN} characters")]
    TooShort,
    #[error("the internal secret must be printable ASCII")]
    NotAscii,
    #[error("no randomness for a secret: {0}")]
    Random(String),
}

impl ServiceSecret {
    pub fn parse(s: &str) -> Result<Self, SecretError> {
        if s.len() < MIN_SECRET_LEN {
            return Err(SecretError::TooShort);
        }
        if !s.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(SecretError::NotAscii);
        }
        Ok(Self(s.to_owned()))
    }

    /// A fresh random secret, for roles that all run in one process.
    pub fn random() -> Result<Self, SecretError> {
        let bytes: [u8; 32] = {
            let mut b = [0u8; 32];
            getrandom::fill(&mut b).map_err(|e| SecretError::Random(e.to_string()))?;
            b
        };
        Ok(Self(hex::encode(bytes)))
    }

    /// Marks an outgoing internal request as coming from a service.
    pub fn attach<T>(&self, request: &mut tonic::Request<T>) {
        if let Ok(v) = MetadataValue::try_from(self.0.as_str()) {
            request.metadata_mut().insert(SERVICE_METADATA, v);
        }
    }

    /// Refuses an incoming internal request that does not carry the secret.
    pub fn check(&self, metadata: &MetadataMap) -> Result<(), ServiceError> {
        let given = metadata
            .get(SERVICE_METADATA)
            .map(|v| v.as_bytes())
            .unwrap_or_default();
        if constant_time_eq(given, self.0.as_bytes()) {
            Ok(())
        } else {
            Err(ServiceError::forbidden(
                "internal calls are for services only",
            ))
        }
    }
}

/// Compares without an early exit, so timing does not reveal how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_secret_opens_internal_calls() -> Result<(), SecretError> {
        let secret = ServiceSecret::random()?;
        let mut req = tonic::Request::new(());
        assert!(secret.check(req.metadata()).is_err(), "no secret");
        req.metadata_mut().insert(
            SERVICE_METADATA,
            MetadataValue::from_static("not-the-secret-but-long-enough-to-pass"),
        );
        assert!(secret.check(req.metadata()).is_err(), "a wrong secret");
        secret.attach(&mut req);
        assert!(secret.check(req.metadata()).is_ok());
        assert!(ServiceSecret::random()?.check(req.metadata()).is_err());
        Ok(())
    }

    #[test]
    fn short_or_odd_secrets_are_refused() {
        assert!(matches!(
            ServiceSecret::parse("short"),
            Err(SecretError::TooShort)
        ));
        let spaced = "a".repeat(20) + " " + &"b".repeat(20);
        assert!(matches!(
            ServiceSecret::parse(&spaced),
            Err(SecretError::NotAscii)
        ));
        assert!(ServiceSecret::parse(&"x".repeat(MIN_SECRET_LEN)).is_ok());
    }
}
