-- Loads :rows synthetic artworks (with tags and favourites) into an artwork database that
-- `artstationd migrate` prepared. Deterministic: the same :rows gives the same data.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE words (i int, w text);
INSERT INTO words SELECT i - 1, w FROM unnest(ARRAY[
  'sunset','harbour','forest','dawn','neon','city','river','mountain','portrait','dragon',
  'garden','storm','ocean','desert','winter','lantern','castle','meadow','galaxy','tiger'
]) WITH ORDINALITY AS t(w, i);

-- Favourites first, into a scratch table, so each artwork's count is known at insert time
-- (an UPDATE of a million rows afterwards would rewrite every index). Squares spread them
-- unevenly, as popularity is.
CREATE TEMP TABLE fav AS
SELECT DISTINCT 'user-' || (g % 50000) AS user_id, 1 + (g::bigint * g) % :rows AS n
FROM generate_series(1, :rows) g;
CREATE TEMP TABLE fav_count AS SELECT n, count(*) AS c FROM fav GROUP BY n;
CREATE INDEX ON fav_count (n);

INSERT INTO artworks (id, artist_id, artist_username, title, description, tags, category,
    price_minor, currency, licence, edition_size, status, content_type, size_bytes, width, height,
    sha256, blob_key, favorite_count, created_at, popularity)
SELECT
    '01900000-0000-7000-8000-' || lpad(to_hex(g), 12, '0'),
    'artist-' || (g % 5000),
    'artist' || (g % 5000),
    w1.w || ' ' || w2.w || ' ' || g,
    'A study of ' || w1.w || ' and ' || w2.w || ', number ' || g,
    '["' || w2.w || '","' || w3.w || '"]',
    (ARRAY['painting','illustration','photography','concept-art','3d','pixel-art','abstract'])[1 + g % 7],
    100 + (g::bigint * 7919) % 100000,
    'USD',
    CASE WHEN g % 4 = 0 THEN 'commercial' ELSE 'personal' END,
    0,
    CASE WHEN g % 20 = 0 THEN 'draft' ELSE 'published' END,
    'image/png', 1000000, 4000, 3000,
    md5(g::text) || md5((g + 1)::text),
    'originals/bench-' || g,
    coalesce(fc.c, 0),
    now() - make_interval(secs => :rows - g),
    ((g::bigint * 2654435761) % 1000003)::float8 / 1000.0
FROM generate_series(1, :rows) g
JOIN words w1 ON w1.i = g % 20
JOIN words w2 ON w2.i = (g / 20) % 20
JOIN words w3 ON w3.i = (g / 400) % 20
LEFT JOIN fav_count fc ON fc.n = g;

-- Tag rows carry the artwork's price and visibility, as the store keeps them.
INSERT INTO artwork_tags (artwork_id, tag, price_minor, public)
SELECT a.id, t.tag, a.price_minor,
       a.status = 'published' AND a.hidden_at IS NULL AND a.deleted_at IS NULL
FROM artworks a, LATERAL jsonb_array_elements_text(a.tags::jsonb) AS t(tag)
ON CONFLICT DO NOTHING;

INSERT INTO favorites (user_id, artwork_id, created_at)
SELECT user_id, '01900000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'), now() FROM fav;
COMMIT;
-- Index-only scans need the visibility map, which autovacuum keeps in production.
VACUUM ANALYZE;
