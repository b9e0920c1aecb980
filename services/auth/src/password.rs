//! argon2id password hashing with OWASP's parameters, run off the async runtime and bounded so
//! a burst of logins cannot exhaust memory (each hash takes 19 MiB).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock};

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1.
const M_COST_KIB: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("hashing failed: {0}")]
    Hash(String),
    #[error("hashing task failed: {0}")]
    Join(#[from] tokio::task::JoinError),
    #[error("hashing pool closed")]
    Closed,
}

fn hasher() -> Result<Argon2<'static>, PasswordError> {
    let params = Params::new(M_COST_KIB, T_COST, P_COST, None)
        .map_err(|e| PasswordError::Hash(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Verifying against this when a user does not exist makes "no such user" take as long as
/// "wrong password", so timing does not reveal which accounts exist.
static DUMMY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    hasher()
        .ok()?
        .hash_password(b"artstation dummy password for timing")
        .ok()
        .map(|h| h.to_string())
});

#[derive(Clone)]
pub struct PasswordHashing {
    permits: Arc<Semaphore>,
    /// New hashes computed, so tests can tell that a refusal came before any hashing.
    hashed: Arc<AtomicU64>,
}

impl PasswordHashing {
    pub fn new(concurrency: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            hashed: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Computes the dummy hash now, so the first login of an unknown user is not slower (by a
    /// whole hash) than a wrong password, which would reveal that the account does not exist.
    pub async fn warm_up(&self) -> Result<(), PasswordError> {
        self.run(|| LazyLock::force(&DUMMY_HASH).is_some())
            .await?
            .then_some(())
            .ok_or_else(|| PasswordError::Hash("cannot compute the dummy hash".into()))
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, PasswordError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| PasswordError::Closed)?;
        Ok(tokio::task::spawn_blocking(f).await?)
    }

    /// Hashes to a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: String) -> Result<String, PasswordError> {
        self.hashed.fetch_add(1, Ordering::Relaxed);
        self.run(move || {
            hasher()?
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(|e| PasswordError::Hash(e.to_string()))
        })
        .await?
    }

    /// How many new hashes were asked for.
    #[cfg(test)]
    pub fn hashed(&self) -> u64 {
        self.hashed.load(Ordering::Relaxed)
    }

    /// Whether `password` matches `phc`; with `None`, does the same work and answers false.
    pub async fn verify(
        &self,
        password: String,
        phc: Option<String>,
    ) -> Result<bool, PasswordError> {
        self.run(move || {
            let known = phc.is_some();
            let Some(phc) = phc.or_else(|| DUMMY_HASH.clone()) else {
                return Err(PasswordError::Hash("no dummy hash".into()));
            };
            let ok = hasher()?
                .verify_password(password.as_bytes(), phc.as_str())
                .is_ok();
            Ok(known && ok)
        })
        .await?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_owasp_parameters() {
        let h = PasswordHashing::new(2);
        let phc = h
            .hash("correct horse battery".into())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(
            h.verify("correct horse battery".into(), Some(phc.clone()))
                .await
                .unwrap_or(false)
        );
        assert!(
            !h.verify("wrong horse battery!".into(), Some(phc))
                .await
                .unwrap_or(true)
        );
        assert!(
            !h.verify("correct horse battery".into(), None)
                .await
                .unwrap_or(true)
        );
    }
}
