package io.thingstead.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;

/** Alerts built directly, for the unit tests of the evaluation core. */
final class AlertFixture {
    static final Handler LOG = new Handler("H1", "logme", null, null);
    static final List<Notification> NOTIFICATIONS =
            List.of(new Notification.Log("logme", io.thingstead.timeseries.LogLevel.INFO, "${device.name}: ${value}"));

    private AlertFixture() {}

    static JsonNode json(String text) {
        return Http.json(text);
    }

    static Condition condition(Condition.Severity severity, Condition.Operation op, String value) {
        return new Condition(severity, new Condition.Expression(op, value == null ? null : json(value)), List.of(LOG));
    }

    static Alert alert(String metric, Condition... conditions) {
        return alert(metric, null, Alert.Status.ENABLED, conditions);
    }

    static Alert alert(String metric, String ttl, Alert.Status status, Condition... conditions) {
        return new Alert(
                "_ale_1",
                "_acc_1",
                "_dpf_1",
                "temperature.alert",
                null,
                null,
                List.of(),
                "_prp_1",
                ttl,
                status,
                metric,
                List.of(conditions),
                null,
                NOTIFICATIONS,
                false,
                "2026-01-01T00:00:00.000Z",
                "2026-01-01T00:00:00.000Z");
    }
}
