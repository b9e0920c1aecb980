-- A deleted work keeps its row (buyers keep access to what they bought, and the sweep keeps
-- its blobs), but its fingerprint must not stop the artist uploading the same file again:
-- the same original is unique among live works only.
ALTER TABLE artworks DROP CONSTRAINT artworks_artist_id_sha256_key;
CREATE UNIQUE INDEX artworks_live_sha256 ON artworks (artist_id, sha256)
    WHERE deleted_at IS NULL;
