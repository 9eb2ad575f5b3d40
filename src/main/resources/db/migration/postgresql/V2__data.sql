-- Time series: one row per device, property and millisecond (a repeated time overwrites).
-- Ids are the numeric part of the entity ids (_dev_123 -> 123).
CREATE TABLE data_point (
    device_id BIGINT           NOT NULL,
    prop_id   BIGINT           NOT NULL,
    ts        BIGINT           NOT NULL,
    num       DOUBLE PRECISION,
    val       TEXT             NOT NULL,
    meta      TEXT,
    PRIMARY KEY (device_id, prop_id, ts)
);

CREATE TABLE latest_value (
    device_id BIGINT NOT NULL,
    prop_id   BIGINT NOT NULL,
    ts        BIGINT NOT NULL,
    val       TEXT   NOT NULL,
    meta      TEXT,
    PRIMARY KEY (device_id, prop_id)
);

CREATE TABLE device_log (
    id        BIGINT      NOT NULL PRIMARY KEY,
    device_id BIGINT      NOT NULL,
    ts        BIGINT      NOT NULL,
    lvl       VARCHAR(16) NOT NULL,
    kind      VARCHAR(32) NOT NULL,
    message   TEXT        NOT NULL
);
CREATE INDEX device_log_device ON device_log (device_id, id);
