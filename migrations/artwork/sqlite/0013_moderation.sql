-- Moderation (issue 13): users' reports, the state and reason of a hide or removal, the
-- artist's one appeal, dismissed near-duplicate flags, and the append-only audit log of every
-- admin action on what this service owns.

CREATE TABLE reports (
    id              TEXT PRIMARY KEY NOT NULL,
    artwork_id      TEXT NOT NULL REFERENCES artworks (id),
    reporter_id     TEXT NOT NULL,
    reason          TEXT NOT NULL
        CHECK (reason IN ('stolen', 'spam', 'nsfw', 'offensive', 'other')),
    note            TEXT,
    status          TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'resolved', 'dismissed')),
    outcome_action  TEXT,
    outcome_reason  TEXT,
    outcome_at      TEXT,
    created_at      TEXT NOT NULL
);
-- At most one open report per user and work; closed ones do not block a new report.
CREATE UNIQUE INDEX reports_one_open ON reports (reporter_id, artwork_id) WHERE status = 'open';
CREATE INDEX reports_by_reporter ON reports (reporter_id, created_at, id);
CREATE INDEX reports_open ON reports (artwork_id, created_at) WHERE status = 'open';

CREATE TABLE artwork_moderation (
    artwork_id  TEXT PRIMARY KEY NOT NULL REFERENCES artworks (id),
    state       TEXT NOT NULL CHECK (state IN ('hidden', 'removed')),
    reason      TEXT NOT NULL,
    at          TEXT NOT NULL,
    actor_id    TEXT NOT NULL
);

-- One appeal per work, ever.
CREATE TABLE appeals (
    artwork_id  TEXT PRIMARY KEY NOT NULL REFERENCES artworks (id),
    message     TEXT NOT NULL,
    at          TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'upheld', 'rejected'))
);
CREATE INDEX appeals_pending ON appeals (artwork_id) WHERE status = 'pending';

CREATE TABLE dismissed_flags (
    artwork_id  TEXT PRIMARY KEY NOT NULL REFERENCES artworks (id),
    at          TEXT NOT NULL
);

CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY NOT NULL,
    at              TEXT NOT NULL,
    actor_id        TEXT NOT NULL,
    actor_username  TEXT NOT NULL,
    action          TEXT NOT NULL,
    target_kind     TEXT NOT NULL,
    target_id       TEXT NOT NULL,
    reason          TEXT,
    outcome         TEXT NOT NULL CHECK (outcome IN ('ok', 'noop'))
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at, id);
CREATE INDEX audit_log_target ON audit_log (target_id, at, id);
-- Append-only below the application too: no row is ever changed or removed.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
