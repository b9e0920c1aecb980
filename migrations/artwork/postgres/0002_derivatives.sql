-- The image pipeline: derivatives (thumbnail, watermarked preview) with the SHA-256 of their
-- bytes (their strong ETag), a perceptual hash of every artwork, and the near-duplicate flag.
-- Rows from before the pipeline have no derivatives (NULL) until they are backfilled.
ALTER TABLE artworks ADD COLUMN thumbnail_key TEXT;
ALTER TABLE artworks ADD COLUMN thumbnail_sha256 TEXT;
ALTER TABLE artworks ADD COLUMN preview_key TEXT;
ALTER TABLE artworks ADD COLUMN preview_sha256 TEXT;
ALTER TABLE artworks ADD COLUMN phash BIGINT;
-- Set when the upload looked like another artist's work; for moderators to decide.
ALTER TABLE artworks ADD COLUMN near_duplicate_of TEXT;
CREATE INDEX artworks_flagged ON artworks (id) WHERE near_duplicate_of IS NOT NULL;

-- The perceptual hash cut into bands (multi-index hashing): two hashes within Hamming distance
-- d < number of bands share at least one band exactly, so an index lookup finds every
-- candidate without comparing against the whole catalogue.
CREATE TABLE artwork_phash_bands (
    band        INTEGER NOT NULL,
    value       BIGINT NOT NULL,
    artwork_id  TEXT NOT NULL REFERENCES artworks (id) ON DELETE CASCADE,
    artist_id   TEXT NOT NULL,
    PRIMARY KEY (band, value, artwork_id)
);
