//! Whether a table is append-only in the database itself, not merely in the store's API: a row
//! written through a store is changed and removed over a connection of its own, past every
//! store, and the database must refuse both.

use anyhow::{Context, Result, ensure};
use sqlx::Connection;

/// Tries `UPDATE table SET reason = …` and `DELETE FROM table` on the row `id` of the database
/// at `url` (SQLite or PostgreSQL). Fails unless the row is there before, both statements fail
/// with an error naming the append-only rule (not any error: a typo in the SQL would fail
/// too), and the row is still there after. Callers read the row back through their store to
/// see that it is unchanged.
pub async fn assert_append_only(url: &str, table: &str, id: &str) -> Result<()> {
    let count = format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
    let update = format!("UPDATE {table} SET reason = 'forged' WHERE id = $1");
    let delete = format!("DELETE FROM {table} WHERE id = $1");
    // The table name is the caller's constant, never input. Both backends take `$1`; only
    // the connection type differs.
    macro_rules! attempt_on {
        ($conn:ty) => {{
            let mut conn = <$conn>::connect(url)
                .await
                .with_context(|| format!("connecting to {url}"))?;
            let before: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count.clone()))
                .bind(id)
                .fetch_one(&mut conn)
                .await?;
            let mut attempts = Vec::new();
            for sql in [&update, &delete] {
                // Rows affected when it went through, the database's error when refused.
                let outcome: Result<u64, String> = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(id)
                    .execute(&mut conn)
                    .await
                    .map(|done| done.rows_affected())
                    .map_err(|e| e.to_string());
                attempts.push((sql.clone(), outcome));
            }
            let after: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count.clone()))
                .bind(id)
                .fetch_one(&mut conn)
                .await?;
            (before, attempts, after)
        }};
    }
    let (before, attempts, after) = if url.starts_with("sqlite:") {
        attempt_on!(sqlx::SqliteConnection)
    } else {
        attempt_on!(sqlx::PgConnection)
    };
    ensure!(before == 1, "row {id} of {table} not there to begin with");
    for (sql, outcome) in &attempts {
        ensure!(
            matches!(outcome, Err(e) if e.contains("append-only")),
            "`{sql}` on {table} was not refused as append-only: {outcome:?}"
        );
    }
    ensure!(after == 1, "row {id} of {table} gone after the attempts");
    Ok(())
}
