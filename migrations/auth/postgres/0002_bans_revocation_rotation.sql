-- A banned user can neither log in nor refresh.
ALTER TABLE users ADD COLUMN banned_at TIMESTAMPTZ;
-- Access tokens of this user issued before this instant are refused (logout everywhere,
-- password change, ban, role change). Kept so revocations survive a cache restart.
ALTER TABLE users ADD COLUMN tokens_valid_after TIMESTAMPTZ;
-- A rotated-in key is published at once but signs only from this instant, so verifiers have
-- fetched it before they meet a token it signed. NULL: active since created_at.
ALTER TABLE signing_keys ADD COLUMN activates_at TIMESTAMPTZ;
CREATE INDEX sessions_revoked_at ON sessions (revoked_at);
