-- Follows: a user follows an artist (both by user id; the artwork service knows artists by the
-- works it holds, never by reading the auth service's tables). One row per pair, so following
-- twice changes nothing; the row goes when they unfollow.
CREATE TABLE follows (
    follower_id  TEXT NOT NULL,
    artist_id    TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (follower_id, artist_id),
    CHECK (follower_id <> artist_id)
);
-- Who follows an artist (fan-out, counts).
CREATE INDEX follows_artist ON follows (artist_id, follower_id);

-- The feed: public works of each followed artist, newest first, one ordered walk per artist.
CREATE INDEX artworks_public_artist_id ON artworks (artist_id, id)
    WHERE status = 'published' AND hidden_at IS NULL AND deleted_at IS NULL;
