CREATE TABLE artworks (
    id               TEXT PRIMARY KEY NOT NULL,
    artist_id        TEXT NOT NULL,
    artist_username  TEXT NOT NULL,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL,
    tags             TEXT NOT NULL,
    category         TEXT NOT NULL,
    price_minor      BIGINT NOT NULL CHECK (price_minor >= 0),
    currency         TEXT NOT NULL,
    licence          TEXT NOT NULL CHECK (licence IN ('personal', 'commercial')),
    edition_size     INTEGER NOT NULL CHECK (edition_size >= 0),
    status           TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    content_type     TEXT NOT NULL,
    size_bytes       BIGINT NOT NULL,
    width            INTEGER NOT NULL,
    height           INTEGER NOT NULL,
    sha256           TEXT NOT NULL,
    blob_key         TEXT NOT NULL,
    favorite_count   BIGINT NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    UNIQUE (artist_id, sha256)
);
-- Ids are UUIDv7, so id order is creation order: "newest first" pages walk this index.
CREATE INDEX artworks_status_id ON artworks (status, id);
CREATE INDEX artworks_artist_id ON artworks (artist_id, id);
