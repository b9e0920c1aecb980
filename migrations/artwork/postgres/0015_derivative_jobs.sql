-- Derivatives (thumbnail, preview, perceptual hash, near-duplicate flag) are made after the
-- upload is acknowledged, by workers that share this queue (issue 12). An artwork shows in
-- public lists only once they are made, so the partial indexes of the public set now say so
-- too (a query naming the new condition could still use the old ones, but not index-only).
-- Rows from before are 'ready': made synchronously, or by the backfill (pipeline/backfill.rs).
ALTER TABLE artworks ADD COLUMN derivatives TEXT NOT NULL DEFAULT 'ready'
    CHECK (derivatives IN ('pending', 'ready', 'failed'));

-- One job per artwork. A queued job is claimable once due_ms has passed; a claim moves due_ms
-- to the end of its lease (renewed while the work goes on), so the job of a worker that died
-- is claimed again when the lease runs out. Times are Unix milliseconds.
CREATE TABLE derivative_jobs (
    artwork_id  TEXT PRIMARY KEY REFERENCES artworks (id),
    state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    due_ms      BIGINT NOT NULL,
    -- Names the current claim: only its holder may finish the job.
    lease       TEXT,
    last_error  TEXT,
    updated_ms  BIGINT NOT NULL
);
CREATE INDEX derivative_jobs_due ON derivative_jobs (due_ms) WHERE state = 'queued';

DROP INDEX artworks_public_new;
DROP INDEX artworks_public_price;
DROP INDEX artworks_public_popular;
DROP INDEX artworks_public_category;
DROP INDEX artworks_public_artist;
CREATE INDEX artworks_public_new ON artworks (id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL AND derivatives = 'ready';
CREATE INDEX artworks_public_price ON artworks (price_minor, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL AND derivatives = 'ready';
CREATE INDEX artworks_public_popular ON artworks (popularity, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL AND derivatives = 'ready';
CREATE INDEX artworks_public_category ON artworks (category, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL AND derivatives = 'ready';
CREATE INDEX artworks_public_artist ON artworks (artist_username, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL AND derivatives = 'ready';
DROP INDEX artworks_public_search_new;
CREATE INDEX artworks_public_search_new ON artworks (id) INCLUDE (search_vector)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL AND derivatives = 'ready';
