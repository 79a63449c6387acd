-- The loan officers' desk. Where each application stands, kept beside its bundle so the desk
-- filters a page of thousands by index (revoked is `revoked_at`, as before).
ALTER TABLE bundles ADD COLUMN products TEXT;
ALTER TABLE bundles ADD COLUMN grade TEXT;
ALTER TABLE bundles ADD COLUMN status TEXT NOT NULL DEFAULT 'received';
UPDATE bundles SET status = (
    SELECT r.status FROM responses r WHERE r.bundle_id = bundles.bundle_id
    ORDER BY r.sequence DESC LIMIT 1
) WHERE EXISTS (SELECT 1 FROM responses r WHERE r.bundle_id = bundles.bundle_id);
CREATE INDEX bundles_by_status ON bundles (institution, status, received_at, bundle_id);
-- Staff of each institution: `prequal inbox staff add`. Passwords as Argon2id PHC strings.
CREATE TABLE staff (
    login         TEXT PRIMARY KEY,
    institution   TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT
);
-- Signed-in sessions, by the SHA-256 of the cookie's token (the token itself is never stored),
-- with the token every form must carry back (CSRF). In the database, so any inbox process
-- behind a load balancer knows them.
CREATE TABLE desk_sessions (
    token_sha256 TEXT PRIMARY KEY,
    login        TEXT NOT NULL REFERENCES staff (login),
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
-- Failed sign-ins, for throttling by login and by address.
CREATE TABLE login_failures (
    login   TEXT NOT NULL,
    address TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX login_failures_by_login ON login_failures (login, at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);
-- Every view and action on the desk, appended and never changed (no statement of the inbox
-- updates or deletes a row of it). `at` carries microseconds, so the order is the order done.
CREATE TABLE audit_log (
    entry_id    TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    institution TEXT NOT NULL,
    login       TEXT NOT NULL,
    action      TEXT NOT NULL,
    bundle_id   TEXT,
    detail      TEXT NOT NULL
);
CREATE INDEX audit_by_institution ON audit_log (institution, at);
-- A loan's later outcome (repaid, in arrears, defaulted), recorded on the desk; the last
-- recorded counts. Exported for local models only with the merchant's consent.
CREATE TABLE outcomes (
    bundle_id   TEXT PRIMARY KEY REFERENCES bundles (bundle_id),
    outcome     TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    login       TEXT NOT NULL
);
