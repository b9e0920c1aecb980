-- Every service's audit log has one shape (artstation_common::audit), so the gateway merges
-- them: the auth service's entries all name a user. Adding a column with a constant default
-- rewrites no row, so the append-only triggers are not involved.
ALTER TABLE audit_log ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'user';
