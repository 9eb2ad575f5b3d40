-- Handler timers and gateway hold-back (docs/alerts.md: Handlers; A gateway that goes down).
-- The pending handler of an incident's chain is stored with its incident (at most one is pending
-- at a time), so a timer survives a restart; a held-back incident names the gateway and the alert
-- of the gateway's incident that holds it back. Times are epoch milliseconds.
ALTER TABLE alert_incident ADD COLUMN held_gateway_id VARCHAR(64);
ALTER TABLE alert_incident ADD COLUMN held_alert_id VARCHAR(64);
ALTER TABLE alert_incident ADD COLUMN pending_handler VARCHAR(64);
ALTER TABLE alert_incident ADD COLUMN pending_due BIGINT;

-- Each device whose last traffic came with a gateway's key, and that gateway.
CREATE TABLE device_gateway (
    device_id  VARCHAR(64) NOT NULL PRIMARY KEY,
    gateway_id VARCHAR(64) NOT NULL
);
