-- The commerce service's own database: wallets and the double-entry ledger, orders with their
-- edition serials, idempotency records, payouts, the sale-event outbox and licence keys.

-- One balance per (kind, owner, currency). System accounts (fees, external funding, paid-out
-- payouts) have the owner ''. The balance is a cache of the sum of the account's postings,
-- written in the same transaction as them; `ledger check` proves they agree.
CREATE TABLE accounts (
    id        TEXT PRIMARY KEY NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN
                  ('wallet', 'earnings', 'platform_fee', 'external', 'payout_pending', 'payout_paid')),
    owner_id  TEXT NOT NULL,
    currency  TEXT NOT NULL,
    balance   INTEGER NOT NULL,
    UNIQUE (kind, owner_id, currency),
    -- Money held for someone cannot be overdrawn; earnings may go negative only through a refund
    -- (an artist's debt, settled by later sales), so they are guarded in the payout transaction.
    CHECK (balance >= 0 OR kind NOT IN ('wallet', 'payout_pending'))
);

-- A transfer is one balanced set of postings; `reference` (order or payout id) makes the
-- transfers of one saga step unique, so a retried step cannot post twice.
CREATE TABLE transfers (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL,
    reference   TEXT NOT NULL,
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (kind, reference)
);

CREATE TABLE postings (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    transfer_id  TEXT NOT NULL REFERENCES transfers (id),
    account_id   TEXT NOT NULL REFERENCES accounts (id),
    currency     TEXT NOT NULL,
    amount       INTEGER NOT NULL CHECK (amount <> 0)
);
CREATE INDEX postings_account ON postings (account_id);
CREATE INDEX postings_transfer ON postings (transfer_id);

-- The next serial of each artwork's edition: a row updated atomically, so concurrent buyers
-- queue on it and an edition of N hands out exactly serials 1..N.
CREATE TABLE editions (
    artwork_id  TEXT PRIMARY KEY NOT NULL,
    issued      INTEGER NOT NULL
);

CREATE TABLE orders (
    id               TEXT PRIMARY KEY NOT NULL,
    artwork_id       TEXT NOT NULL,
    buyer_id         TEXT NOT NULL,
    artist_id        TEXT NOT NULL,
    amount_minor     INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency         TEXT NOT NULL,
    fee_minor        INTEGER NOT NULL CHECK (fee_minor >= 0 AND fee_minor <= amount_minor),
    serial           INTEGER,
    edition_size     INTEGER,
    licence          TEXT NOT NULL,
    title            TEXT NOT NULL,
    original_sha256  TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'refunded', 'failed')),
    failure          TEXT,
    created_at       TEXT NOT NULL,
    paid_at          TEXT,
    refunded_at      TEXT,
    UNIQUE (artwork_id, serial)
);
CREATE INDEX orders_buyer ON orders (buyer_id, id);
CREATE INDEX orders_artist ON orders (artist_id, id);
CREATE INDEX orders_pending ON orders (created_at) WHERE status = 'pending';

CREATE TABLE idempotency_keys (
    buyer_id     TEXT NOT NULL,
    key          TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    order_id     TEXT NOT NULL REFERENCES orders (id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (buyer_id, key)
);

CREATE TABLE payouts (
    id            TEXT PRIMARY KEY NOT NULL,
    artist_id     TEXT NOT NULL,
    amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
    currency      TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'paid')),
    created_at    TEXT NOT NULL,
    paid_at       TEXT
);
CREATE INDEX payouts_artist ON payouts (artist_id, id);

-- Outbox of facts the artwork side must learn (a sale grants access, a refund ends it),
-- written in the transaction that makes them true and delivered (idempotently) until acknowledged.
CREATE TABLE sale_events (
    order_id      TEXT NOT NULL REFERENCES orders (id),
    kind          TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
    created_at    TEXT NOT NULL,
    delivered_at  TEXT,
    PRIMARY KEY (order_id, kind)
);
CREATE INDEX sale_events_undelivered ON sale_events (created_at) WHERE delivered_at IS NULL;

CREATE TABLE licence_keys (
    kid            TEXT PRIMARY KEY NOT NULL,
    private_pkcs8  BLOB NOT NULL,
    public_x       TEXT NOT NULL,
    created_at     TEXT NOT NULL
);
