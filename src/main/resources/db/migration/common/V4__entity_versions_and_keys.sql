-- Each entity has a version, compared and set by every update, so two writers never both win.
-- Rows stored before this start at version 1.
ALTER TABLE entity ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- The unique keys of the entities (a device name in its account, a user email, ...): a key is
-- held by one entity at a time, and is written and deleted in the transaction of its entity.
-- It starts empty: the server fills it from the stored entities at its next start (it does so
-- whenever the keys stored are not those the entities hold, so emptying it rebuilds it).
CREATE TABLE entity_key (
    kind      VARCHAR(32)  NOT NULL,
    scope     VARCHAR(64)  NOT NULL,
    key_value VARCHAR(320) NOT NULL,
    entity_id VARCHAR(64)  NOT NULL,
    PRIMARY KEY (kind, scope, key_value)
);
CREATE INDEX entity_key_entity ON entity_key (entity_id);
