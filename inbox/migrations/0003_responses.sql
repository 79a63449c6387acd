-- The institutions' signed answers to bundles (`prequal.response/1`), numbered per bundle: the
-- last is where the application stands. Two answers cannot take the same number.
CREATE TABLE responses (
    response_id TEXT PRIMARY KEY,
    bundle_id   TEXT NOT NULL REFERENCES bundles (bundle_id),
    institution TEXT NOT NULL,
    sequence    BIGINT NOT NULL,
    status      TEXT NOT NULL,
    envelope    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (bundle_id, sequence)
);
-- The nonces of the merchants' read requests (`prequal.response-request/1`): each is accepted
-- once, so a captured request cannot be replayed.
CREATE TABLE response_reads (
    nonce        TEXT PRIMARY KEY,
    bundle_id    TEXT NOT NULL,
    requested_at TEXT NOT NULL
);
