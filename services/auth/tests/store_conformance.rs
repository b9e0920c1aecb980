//! One conformance suite for every `AuthStore` backend: each scenario runs against SQLite and
//! against a fresh PostgreSQL database, so the two implementations cannot drift apart.

use std::sync::Arc;

use anyhow::{Result, ensure};
use artstation_auth::store::{
    self, AuthStore, NewSession, RefreshTokenRecord, Rotation, SigningKeyRecord, StoreError,
    UserFilter, UserRecord,
};
use artstation_domain::Role;
use chrono::Duration;

/// Runs `scenario` on SQLite, then on PostgreSQL, naming the backend in any failure.
async fn on_every_backend<F, Fut>(scenario: F) -> Result<()>
where
    F: Fn(Arc<dyn AuthStore>) -> Fut,
    Fut: std::future::Future<Output = Result<()>>,
{
    artstation_tests::on_every_backend(
        "auth.db",
        |url| async move { Ok(store::open(&url).await?) },
        scenario,
    )
    .await
}

fn query(q: &str) -> UserFilter {
    UserFilter {
        query: Some(q.into()),
        ..UserFilter::default()
    }
}

fn user(n: u32, role: Role) -> UserRecord {
    UserRecord {
        id: uuid::Uuid::now_v7().to_string(),
        email: format!("user{n}@example.com"),
        username: format!("user{n}"),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        role,
        created_at: artstation_common::now(),
        banned_at: None,
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

/// Auth replicas opening a fresh database together each try to create the first key; one
/// must win, or each would publish a key the others do not know.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn exactly_one_first_signing_key_among_concurrent_claimers() -> Result<()> {
    on_every_backend(|store| async move {
        let claims: Vec<_> = (0..8)
            .map(|i| {
                let store = store.clone();
                tokio::spawn(async move {
                    let key = SigningKeyRecord {
                        kid: format!("k{i}"),
                        private_pkcs8: vec![i],
                        public_x: format!("x{i}"),
                        created_at: artstation_common::now(),
                        activates_at: None,
                    };
                    store
                        .insert_first_signing_key(&key)
                        .await
                        .map(|won| won.then_some(key.kid))
                })
            })
            .collect();
        let mut winners = Vec::new();
        for claim in claims {
            winners.extend(claim.await??);
        }
        ensure!(winners.len() == 1, "winners: {winners:?}");
        let keys = store.signing_keys().await?;
        ensure!(
            keys.len() == 1 && keys[0].kid == winners[0],
            "keys: {}",
            keys.len()
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
            activates_at: (age == 0).then(|| now + Duration::minutes(5)),
        };
        store.insert_signing_key(&key("new", 0)).await?;
        store.insert_signing_key(&key("old", 60)).await?;
        let keys = store.signing_keys().await?;
        ensure!(keys.iter().map(|k| k.kid.as_str()).collect::<Vec<_>>() == ["old", "new"]);
        ensure!(keys[0].private_pkcs8 == [1, 2, 3, 0, 255]);
        ensure!(
            keys[0].activates_at.is_none()
                && keys[1].activates_at == Some(now + Duration::minutes(5))
        );
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
        let sid = session_for(&store, &u, &live).await?;
        let now = artstation_common::now;
        ensure!(
            store
                .revoke_session_of_token(&live.token_hash, "someone-else", now())
                .await?
                .is_none()
        );
        ensure!(
            store
                .revoke_session_of_token(&live.token_hash, &u.id, now())
                .await?
                == Some(sid)
        );
        ensure!(
            store
                .revoke_session_of_token(&live.token_hash, &u.id, now())
                .await?
                .is_none()
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

#[tokio::test]
async fn bans_roles_passwords_and_cut_offs_persist() -> Result<()> {
    on_every_backend(|store| async move {
        let u = user(1, Role::Buyer);
        store.create_user(&u).await?;
        let now = artstation_common::now();
        ensure!(store.set_banned(&u.id, Some(now)).await?);
        ensure!(store.user_by_id(&u.id).await?.and_then(|u| u.banned_at) == Some(now));
        ensure!(store.set_banned(&u.id, None).await?);
        ensure!(
            store
                .user_by_id(&u.id)
                .await?
                .is_some_and(|u| u.banned_at.is_none())
        );
        ensure!(!store.set_banned("nobody", Some(now)).await?);

        ensure!(store.set_role(&u.id, Role::Artist).await?);
        ensure!(store.user_by_id(&u.id).await?.map(|u| u.role) == Some(Role::Artist));
        ensure!(!store.set_role("nobody", Role::Admin).await?);

        store.set_password_hash(&u.id, "$argon2id$new").await?;
        ensure!(
            store
                .user_by_id(&u.id)
                .await?
                .map(|u| u.password_hash)
                .as_deref()
                == Some("$argon2id$new")
        );

        let before = now - Duration::seconds(1);
        store.set_tokens_valid_after(&u.id, now).await?;
        let recent = store.revocations_since(before).await?;
        ensure!(recent.users == vec![(u.id.clone(), now)], "{recent:?}");
        ensure!(
            store.revocations_since(now).await?.users.is_empty(),
            "strictly after"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn ending_sessions_keeps_the_one_asked_for() -> Result<()> {
    on_every_backend(|store| async move {
        let u = user(1, Role::Buyer);
        let other = user(2, Role::Buyer);
        store.create_user(&u).await?;
        store.create_user(&other).await?;
        let before = artstation_common::now() - Duration::seconds(1);
        let (a, b, c) = (
            token("a", Duration::days(1)),
            token("b", Duration::days(1)),
            token("c", Duration::days(1)),
        );
        let keep = session_for(&store, &u, &a).await?;
        let gone = session_for(&store, &u, &b).await?;
        let others = session_for(&store, &other, &c).await?;
        let revoked = store
            .revoke_sessions_of_user(&u.id, Some(&keep), artstation_common::now())
            .await?;
        ensure!(revoked == vec![gone.clone()], "{revoked:?}");
        let next = token("n", Duration::days(1));
        ensure!(matches!(
            store
                .rotate_refresh_token(&a.token_hash, &next, artstation_common::now())
                .await?,
            Rotation::Rotated { .. }
        ));
        ensure!(
            store
                .rotate_refresh_token(
                    &b.token_hash,
                    &token("m", Duration::days(1)),
                    artstation_common::now()
                )
                .await?
                == Rotation::Invalid
        );
        let all = store
            .revoke_sessions_of_user(&u.id, None, artstation_common::now())
            .await?;
        ensure!(all == vec![keep], "{all:?}");
        let recent = store.revocations_since(before).await?;
        ensure!(
            recent.sessions.len() == 2 && !recent.sessions.contains(&others),
            "{recent:?}"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn users_list_by_id_with_a_literal_filter() -> Result<()> {
    on_every_backend(|store| async move {
        let mut ids = Vec::new();
        for n in 0..5 {
            let u = user(n, Role::Buyer);
            store.create_user(&u).await?;
            ids.push(u.id);
        }
        let mut odd = user(10, Role::Buyer);
        odd.username = "under_score".into();
        odd.email = "percent%sign@example.com".into();
        store.create_user(&odd).await?;
        ids.push(odd.id.clone());
        let page = store.list_users(&UserFilter::default(), 4, None).await?;
        ensure!(
            page.iter().map(|u| &u.id).collect::<Vec<_>>()
                == ids.iter().take(4).collect::<Vec<_>>()
        );
        let rest = store
            .list_users(
                &UserFilter::default(),
                4,
                page.last().map(|u| u.id.as_str()),
            )
            .await?;
        ensure!(rest.len() == 2);
        let hits = store.list_users(&query("user3"), 10, None).await?;
        ensure!(hits.len() == 1 && hits[0].username == "user3");
        ensure!(
            store.list_users(&query("%"), 10, None).await?.len() == 1,
            "% is literal"
        );
        ensure!(
            store.list_users(&query("_"), 10, None).await?.len() == 1,
            "_ is literal"
        );
        // Roles and bans filter too: user0 an artist, user1 banned.
        ensure!(store.set_role(&ids[0], Role::Artist).await?);
        ensure!(
            store
                .set_banned(&ids[1], Some(artstation_common::now()))
                .await?
        );
        let of = |role: Option<Role>, banned: Option<bool>| UserFilter {
            role,
            banned,
            ..UserFilter::default()
        };
        let artists = store
            .list_users(&of(Some(Role::Artist), None), 10, None)
            .await?;
        ensure!(artists.len() == 1 && artists[0].id == ids[0]);
        let banned = store.list_users(&of(None, Some(true)), 10, None).await?;
        ensure!(banned.len() == 1 && banned[0].id == ids[1]);
        let free_buyers = store
            .list_users(&of(Some(Role::Buyer), Some(false)), 10, None)
            .await?;
        ensure!(free_buyers.len() == 4, "{}", free_buyers.len());
        Ok(())
    })
    .await
}
