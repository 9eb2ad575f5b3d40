-- The open incident of each alert on each device (docs/alerts.md: Incidents): at most one per
-- alert per device, so the pair is the key. Times are epoch milliseconds.
CREATE TABLE alert_incident (
    alert_id       VARCHAR(64) NOT NULL,
    device_id      VARCHAR(64) NOT NULL,
    severity       VARCHAR(8)  NOT NULL,
    state          VARCHAR(8)  NOT NULL,
    start_time     BIGINT      NOT NULL,
    last_triggered BIGINT      NOT NULL,
    match_count    BIGINT      NOT NULL,
    PRIMARY KEY (alert_id, device_id)
);
CREATE INDEX alert_incident_device ON alert_incident (device_id);
