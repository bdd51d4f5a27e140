-- The service's tables. Portable SQL: runs unchanged on SQLite and PostgreSQL.
CREATE TABLE models (
    id TEXT PRIMARY KEY,
    current_path TEXT NOT NULL,
    method TEXT NOT NULL,
    registered_at TEXT NOT NULL
);
CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    client_request_id TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    subject TEXT,
    ids TEXT,
    models TEXT NOT NULL,
    reason TEXT NOT NULL,
    requester TEXT NOT NULL,
    salt TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expected_by TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT,
    failed_step TEXT,
    error TEXT,
    certificate TEXT,
    UNIQUE (owner, client_request_id)
);
CREATE INDEX requests_by_status ON requests (status);
CREATE TABLE events (
    leaf_index BIGINT PRIMARY KEY,
    request_id TEXT NOT NULL,
    state TEXT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX events_by_request ON events (request_id);
CREATE TABLE ledger (
    leaf_index BIGINT PRIMARY KEY,
    entry TEXT NOT NULL,
    leaf_hash TEXT NOT NULL,
    root_after TEXT NOT NULL
);
CREATE TABLE checkpoints (
    tree_size BIGINT PRIMARY KEY,
    note TEXT NOT NULL
);
CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    from_path TEXT NOT NULL,
    target_path TEXT NOT NULL,
    method TEXT NOT NULL,
    requests TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    execution TEXT
);
CREATE TABLE versions (
    model TEXT NOT NULL,
    path TEXT NOT NULL,
    parent TEXT,
    batch TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (model, path)
);
CREATE TABLE applications (
    request_id TEXT NOT NULL,
    model TEXT NOT NULL,
    batch_id TEXT,
    PRIMARY KEY (request_id, model)
);
CREATE INDEX applications_by_batch ON applications (batch_id);
