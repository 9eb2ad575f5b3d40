-- The methods quarantined on each device (docs/methods.md: Instances): at most one row per device
-- and method, so the pair is the key. Times are epoch milliseconds.
CREATE TABLE method_quarantine (
    device_id VARCHAR(64)   NOT NULL,
    method_id VARCHAR(64)   NOT NULL,
    cause     VARCHAR(1024) NOT NULL,
    at_time   BIGINT        NOT NULL,
    PRIMARY KEY (device_id, method_id)
);
CREATE INDEX method_quarantine_method ON method_quarantine (method_id);
