-- Admin entities as JSON documents, one row each; kept keyword-safe for SQLite, PostgreSQL and H2.
CREATE TABLE entity (
    id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    kind       VARCHAR(32)  NOT NULL,
    account_id VARCHAR(64),
    doc        TEXT         NOT NULL
);
CREATE INDEX entity_kind ON entity (kind);
CREATE INDEX entity_account ON entity (account_id);
