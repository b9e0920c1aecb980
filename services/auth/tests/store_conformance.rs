//! One conformance suite for every `AuthStore` backend: each scenario runs against SQLite and
//! against a fresh PostgreSQL database, so the two implementations cannot drift apart.

use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_auth::store::{
    self, AuthStore, NewSession, RefreshTokenRecord, Rotation, SigningKeyRecord, StoreError,
    UserRecord,
};
use artstation_domain::Role;
use artstation_tests::FreshPostgres;
use chrono::Duration;

/// Runs `scenario` on SQLite, then on PostgreSQL, naming the backend in any failure.
async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
where
    F: Fn(Arc<dyn AuthStore>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let sqlite = store::open(&format!(
        "sqlite://{}",
        dir.path().join("auth.db").display()
    ))
    .await?;
    scenario(sqlite).await.map_err(|e| e.context("on SQLite"))?;

    let pg = FreshPostgres::create().await?;
    let result = async {
        let store = store::open(&pg.url).await?;
        scenario(store).await
    }
    .await;
    pg.drop_database().await?;
    result.map_err(|e| e.context("on PostgreSQL"))
}

fn user(n: u32, role: Role) -> UserRecord {
    UserRecord {
        id: uuid::Uuid::now_v7().to_string(),
        email: format!("user{n}@example.com"),
        username: format!("user{n}"),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        role,
        created_at: artstation_common::now(),
    }
}

fn token(name: &str, ttl: Duration) -> RefreshTokenRecord {
    let now = artstation_common::now();
    RefreshTokenRecord {
        token_hash: format!("hash-{name}-{}", uuid::Uuid::now_v7()),
        created_at: now,
        expires_at: now + ttl,
    }
}

async fn session_for(
    store: &Arc<dyn AuthStore>,
    user: &UserRecord,
    first: &RefreshTokenRecord,
) -> Result<String> {
    let now = artstation_common::now();
    let s = NewSession {
        id: uuid::Uuid::now_v7().to_string(),
        user_id: user.id.clone(),
        created_at: now,
        expires_at: now + Duration::days(30),
    };
    store.create_session(&s, first).await?;
    Ok(s.id)
}

#[tokio::test]
async fn users_are_unique_by_email_and_username() -> Result<()> {
    on_every_backend(|store| async move {
        let alice = user(1, Role::Artist);
        store.create_user(&alice).await?;
        ensure!(store.user_by_login("user1@example.com").await?.as_ref() == Some(&alice));
        ensure!(store.user_by_login("user1").await?.as_ref() == Some(&alice));
        ensure!(store.user_by_id(&alice.id).await?.as_ref() == Some(&alice));
        ensure!(store.user_by_login("nobody").await?.is_none());

        let mut same_email = user(2, Role::Buyer);
        same_email.email = alice.email.clone();
        let err = store.create_user(&same_email).await;
        ensure!(
            matches!(err, Err(StoreError::Conflict("email"))),
            "got {err:?}"
        );

        let mut same_name = user(3, Role::Buyer);
        same_name.username = alice.username.clone();
        let err = store.create_user(&same_name).await;
        ensure!(
            matches!(err, Err(StoreError::Conflict("username"))),
            "got {err:?}"
        );
        ensure!(
            store.user_by_id(&same_name.id).await?.is_none(),
            "nothing half-written"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn signing_keys_come_back_oldest_first() -> Result<()> {
    on_every_backend(|store| async move {
        ensure!(store.signing_keys().await?.is_empty());
        let now = artstation_common::now();
        let key = |kid: &str, age: i64| SigningKeyRecord {
            kid: kid.into(),
            private_pkcs8: vec![1, 2, 3, 0, 255],
            public_x: format!("x-{kid}"),
            created_at: now - Duration::seconds(age),
        };
        store.insert_signing_key(&key("new", 0)).await?;
        store.insert_signing_key(&key("old", 60)).await?;
        let keys = store.signing_keys().await?;
        ensure!(keys.iter().map(|k| k.kid.as_str()).collect::<Vec<_>>() == ["old", "new"]);
        ensure!(keys[0].private_pkcs8 == [1, 2, 3, 0, 255]);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn refresh_tokens_rotate_once_and_reuse_revokes_the_session() -> Result<()> {
    on_every_backend(|store| async move {
        let u = user(1, Role::Buyer);
        store.create_user(&u).await?;
        let first = token("first", Duration::days(14));
        let sid = session_for(&store, &u, &first).await?;

        let second = token("second", Duration::days(14));
        let r = store
            .rotate_refresh_token(&first.token_hash, &second, artstation_common::now())
            .await?;
        ensure!(
            r == Rotation::Rotated {
                user_id: u.id.clone(),
                session_id: sid.clone()
            },
            "got {r:?}"
        );

        // Replaying the spent token is theft: the whole family dies, the newest token too.
        let third = token("third", Duration::days(14));
        let r = store
            .rotate_refresh_token(&first.token_hash, &third, artstation_common::now())
            .await?;
        ensure!(
            r == Rotation::Reused {
                session_id: sid.clone()
            },
            "got {r:?}"
        );
        let r = store
            .rotate_refresh_token(&second.token_hash, &third, artstation_common::now())
            .await?;
        ensure!(r == Rotation::Invalid, "newest token survived reuse: {r:?}");

        let r = store
            .rotate_refresh_token(
                "unknown",
                &token("x", Duration::days(1)),
                artstation_common::now(),
            )
            .await?;
        ensure!(r == Rotation::Invalid);
        Ok(())
    })
    .await
}

#[tokio::test]
async fn expired_tokens_and_revoked_sessions_do_not_rotate() -> Result<()> {
    on_every_backend(|store| async move {
        let u = user(1, Role::Buyer);
        store.create_user(&u).await?;
        let stale = token("stale", Duration::seconds(-1));
        session_for(&store, &u, &stale).await?;
        let r = store
            .rotate_refresh_token(
                &stale.token_hash,
                &token("n", Duration::days(1)),
                artstation_common::now(),
            )
            .await?;
        ensure!(r == Rotation::Invalid, "expired token rotated: {r:?}");

        let live = token("live", Duration::days(14));
        session_for(&store, &u, &live).await?;
        ensure!(
            !store
                .revoke_session_of_token(&live.token_hash, "someone-else", artstation_common::now())
                .await?
        );
        ensure!(
            store
                .revoke_session_of_token(&live.token_hash, &u.id, artstation_common::now())
                .await?
        );
        ensure!(
            !store
                .revoke_session_of_token(&live.token_hash, &u.id, artstation_common::now())
                .await?
        );
        let r = store
            .rotate_refresh_token(
                &live.token_hash,
                &token("m", Duration::days(1)),
                artstation_common::now(),
            )
            .await?;
        ensure!(r == Rotation::Invalid, "revoked session rotated: {r:?}");
        Ok(())
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_rotations_of_one_token_have_exactly_one_winner() -> Result<()> {
    on_every_backend(|store| async move {
        let u = user(1, Role::Buyer);
        store.create_user(&u).await?;
        let first = token("first", Duration::days(14));
        session_for(&store, &u, &first).await?;
        let mut tasks = Vec::new();
        for i in 0..8 {
            let store = store.clone();
            let old = first.token_hash.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .rotate_refresh_token(
                        &old,
                        &token(&format!("c{i}"), Duration::days(14)),
                        artstation_common::now(),
                    )
                    .await
            }));
        }
        let mut winners = 0;
        for t in tasks {
            if matches!(t.await??, Rotation::Rotated { .. }) {
                winners += 1;
            }
        }
        ensure!(winners == 1, "{winners} concurrent rotations succeeded");
        Ok(())
    })
    .await
}
