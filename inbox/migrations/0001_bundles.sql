-- Bundles as received and verified. Written in the SQL that SQLite and PostgreSQL share, so
-- both backends run the very same migrations.
CREATE TABLE bundles (
    bundle_id       TEXT PRIMARY KEY,
    nonce           TEXT NOT NULL UNIQUE,
    institution     TEXT NOT NULL,
    merchant        TEXT NOT NULL,
    envelope        TEXT NOT NULL,
    envelope_sha256 TEXT NOT NULL,
    payload         TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    revoked_at      TEXT
);
CREATE INDEX bundles_by_institution ON bundles (institution, received_at);
