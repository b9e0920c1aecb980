-- Entitlements: what the commerce service sold, one row per order, written by its internal
-- calls (commerce calls artwork, never the reverse). The artwork service alone answers "may
-- this user read this original" from these rows. A refund sets revoked_at; the row stays,
-- because its serial is retired, not resold.
CREATE TABLE entitlements (
    order_id    TEXT PRIMARY KEY,
    artwork_id  TEXT NOT NULL REFERENCES artworks (id),
    buyer_id    TEXT NOT NULL,
    serial      BIGINT NOT NULL,
    granted_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX entitlements_access ON entitlements (artwork_id, buyer_id) WHERE revoked_at IS NULL;

-- Serials issued for the artwork (refunded ones included), kept in step with the entitlement
-- rows in the same transaction so every listing can show it without a count per row.
ALTER TABLE artworks ADD COLUMN editions_sold BIGINT NOT NULL DEFAULT 0;
