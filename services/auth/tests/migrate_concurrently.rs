//! A daemon starting while `artstationd admin create` runs opens one fresh SQLite file twice
//! at once; both must come up migrated (sqlx takes no migration lock on SQLite).

use anyhow::Result;
use artstation_auth::store;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn openers_of_one_fresh_sqlite_file_migrate_it_once() -> Result<()> {
    for round in 0..5 {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}/auth.db", dir.path().display());
        let openers: Vec<_> = (0..6)
            .map(|_| {
                let url = url.clone();
                tokio::spawn(async move { store::open(&url).await.map(drop) })
            })
            .collect();
        for (i, opener) in openers.into_iter().enumerate() {
            opener
                .await?
                .map_err(|e| anyhow::anyhow!("round {round}, opener {i}: {e}"))?;
        }
    }
    Ok(())
}
