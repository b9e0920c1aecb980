-- Moderation hides a work without touching the owner's status, so a PATCH cannot undo it.
ALTER TABLE artworks ADD COLUMN hidden_at TEXT;
-- Deleted works disappear from the catalogue; the row stays for buyers' access.
ALTER TABLE artworks ADD COLUMN deleted_at TEXT;
ALTER TABLE artworks ADD COLUMN view_count BIGINT NOT NULL DEFAULT 0;
-- Trending score in log space: ln(sum of event weights * e^((t - 2026-01-01) / 1 day)), so
-- ordering by it ranks by time-decayed activity without ever rewriting old rows.
ALTER TABLE artworks ADD COLUMN popularity DOUBLE PRECISION NOT NULL DEFAULT 0;

-- The public catalogue: published, not hidden, not deleted. One partial index per sort.
CREATE INDEX artworks_public_new ON artworks (id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
CREATE INDEX artworks_public_price ON artworks (price_minor, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
CREATE INDEX artworks_public_popular ON artworks (popularity, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
CREATE INDEX artworks_public_category ON artworks (category, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;

-- Tag rows carry copies of what tag browsing sorts and filters on (the price, whether the work
-- is public), kept in step by every write of the artwork, so a tag page is one ordered walk of
-- one index instead of a probe per candidate.
CREATE TABLE artwork_tags (
    artwork_id   TEXT NOT NULL REFERENCES artworks (id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    price_minor  BIGINT NOT NULL DEFAULT 0,
    public       BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (artwork_id, tag)
);
CREATE INDEX artwork_tags_tag ON artwork_tags (tag, artwork_id);
CREATE INDEX artwork_tags_public_new ON artwork_tags (tag, artwork_id) WHERE public;
CREATE INDEX artwork_tags_public_price ON artwork_tags (tag, price_minor, artwork_id) WHERE public;

CREATE TABLE categories (
    slug        TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
INSERT INTO categories (slug, name, created_at) VALUES
    ('painting', 'Painting', '2026-01-01T00:00:00+00:00'),
    ('illustration', 'Illustration', '2026-01-01T00:00:00+00:00'),
    ('photography', 'Photography', '2026-01-01T00:00:00+00:00'),
    ('concept-art', 'Concept art', '2026-01-01T00:00:00+00:00'),
    ('3d', '3D', '2026-01-01T00:00:00+00:00'),
    ('pixel-art', 'Pixel art', '2026-01-01T00:00:00+00:00'),
    ('abstract', 'Abstract', '2026-01-01T00:00:00+00:00');

CREATE TABLE favorites (
    user_id     TEXT NOT NULL,
    artwork_id  TEXT NOT NULL REFERENCES artworks (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, artwork_id)
);
CREATE INDEX favorites_artwork ON favorites (artwork_id, user_id);

-- The store-wide sale: at most one row.
CREATE TABLE sale (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    percent_bp   INTEGER NOT NULL CHECK (percent_bp > 0 AND percent_bp < 10000),
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL
);

-- Full-text search over title, description and tags (porter stemming, Unicode tokens).
CREATE VIRTUAL TABLE artworks_fts USING fts5(
    title, description, tags,
    content = 'artworks', content_rowid = 'rowid', tokenize = 'porter unicode61'
);
INSERT INTO artworks_fts (rowid, title, description, tags)
    SELECT rowid, title, description, tags FROM artworks;
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

CREATE INDEX artworks_public_artist ON artworks (artist_username, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
