-- At most one row: the key that was stored first. Replicas opening a fresh database at the same
-- moment each race to claim it, so exactly one creates the first signing key and every replica
-- publishes that same key (a second "first" key reached only one replica's JWKS, and tokens it
-- signed were refused by the others until their next reload).
CREATE TABLE first_signing_key (
    one INTEGER PRIMARY KEY NOT NULL CHECK (one = 1),
    kid TEXT NOT NULL
);
