-- no-transaction
-- A deleted work keeps its row (buyers keep access to what they bought, and the sweep keeps
-- its blobs), but its fingerprint must not stop the artist uploading the same file again:
-- the same original is unique among live works only. SQLite cannot drop a table constraint,
-- so the table is rebuilt. Foreign keys are off meanwhile (dropping the old table would
-- otherwise cascade to every row that references it), which only works outside a
-- transaction, hence the explicit one; rowids are kept, as the full-text index points at them.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE artworks_rebuilt (
    id                 TEXT PRIMARY KEY NOT NULL,
    artist_id          TEXT NOT NULL,
    artist_username    TEXT NOT NULL,
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    tags               TEXT NOT NULL,
    category           TEXT NOT NULL,
    price_minor        BIGINT NOT NULL CHECK (price_minor >= 0),
    currency           TEXT NOT NULL,
    licence            TEXT NOT NULL CHECK (licence IN ('personal', 'commercial')),
    edition_size       INTEGER NOT NULL CHECK (edition_size >= 0),
    status             TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    content_type       TEXT NOT NULL,
    size_bytes         BIGINT NOT NULL,
    width              INTEGER NOT NULL,
    height             INTEGER NOT NULL,
    sha256             TEXT NOT NULL,
    blob_key           TEXT NOT NULL,
    favorite_count     BIGINT NOT NULL DEFAULT 0,
    created_at         TEXT NOT NULL,
    thumbnail_key      TEXT,
    thumbnail_sha256   TEXT,
    preview_key        TEXT,
    preview_sha256     TEXT,
    phash              BIGINT,
    near_duplicate_of  TEXT,
    hidden_at          TEXT,
    deleted_at         TEXT,
    view_count         BIGINT NOT NULL DEFAULT 0,
    popularity         DOUBLE PRECISION NOT NULL DEFAULT 0,
    editions_sold      BIGINT NOT NULL DEFAULT 0
);
INSERT INTO artworks_rebuilt (rowid, id, artist_id, artist_username, title, description, tags,
    category, price_minor, currency, licence, edition_size, status, content_type, size_bytes,
    width, height, sha256, blob_key, favorite_count, created_at, thumbnail_key,
    thumbnail_sha256, preview_key, preview_sha256, phash, near_duplicate_of, hidden_at,
    deleted_at, view_count, popularity, editions_sold)
SELECT rowid, id, artist_id, artist_username, title, description, tags,
    category, price_minor, currency, licence, edition_size, status, content_type, size_bytes,
    width, height, sha256, blob_key, favorite_count, created_at, thumbnail_key,
    thumbnail_sha256, preview_key, preview_sha256, phash, near_duplicate_of, hidden_at,
    deleted_at, view_count, popularity, editions_sold
FROM artworks;
DROP TABLE artworks;
ALTER TABLE artworks_rebuilt RENAME TO artworks;

CREATE UNIQUE INDEX artworks_live_sha256 ON artworks (artist_id, sha256)
    WHERE deleted_at IS NULL;
CREATE INDEX artworks_status_id ON artworks (status, id);
CREATE INDEX artworks_artist_id ON artworks (artist_id, id);
CREATE INDEX artworks_flagged ON artworks (id) WHERE near_duplicate_of IS NOT NULL;
CREATE INDEX artworks_public_new ON artworks (id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
CREATE INDEX artworks_public_price ON artworks (price_minor, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
CREATE INDEX artworks_public_popular ON artworks (popularity, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
CREATE INDEX artworks_public_category ON artworks (category, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
CREATE INDEX artworks_public_artist ON artworks (artist_username, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;

CREATE TRIGGER artworks_fts_insert AFTER INSERT ON artworks BEGIN
    INSERT INTO artworks_fts (rowid, title, description, tags)
    VALUES (new.rowid, new.title, new.description, new.tags);
END;
CREATE TRIGGER artworks_fts_delete AFTER DELETE ON artworks BEGIN
    INSERT INTO artworks_fts (artworks_fts, rowid, title, description, tags)
    VALUES ('delete', old.rowid, old.title, old.description, old.tags);
END;
CREATE TRIGGER artworks_fts_update AFTER UPDATE OF title, description, tags ON artworks BEGIN
    INSERT INTO artworks_fts (artworks_fts, rowid, title, description, tags)
    VALUES ('delete', old.rowid, old.title, old.description, old.tags);
    INSERT INTO artworks_fts (rowid, title, description, tags)
    VALUES (new.rowid, new.title, new.description, new.tags);
END;
COMMIT;
PRAGMA foreign_keys = ON;
