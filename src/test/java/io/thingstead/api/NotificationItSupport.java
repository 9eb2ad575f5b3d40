package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Devices with a number {@code temperature} and alerts that run one notification on every write
 * above 0, for the notification delivery tests (docs/alerts.md: Notifications).
 */
final class NotificationItSupport {
    private NotificationItSupport() {}

    /** A device, its name and its own key over REST. */
    record Dev(String id, String name, Http as) {
        /** Writes one point of {@code temperature} at the server's time. */
        void write(double value) {
            DataReadSupport.write(as, path(), DataReadSupport.point(value), 1, 0);
        }

        /** Writes the values in one feed, a second apart, each evaluated on its own. */
        void writeAll(List<Double> values) {
            List<Instant> times = new ArrayList<>();
            Instant start = Instant.now().minusSeconds(values.size());
            for (int i = 0; i < values.size(); i++) {
                times.add(start.plusSeconds(i));
            }
            DataReadSupport.write(as, path(), DataReadSupport.feed(times, values), values.size(), 0);
        }

        private String path() {
            return "/v3/data/devices/" + id + "/properties/temperature";
        }
    }

    /** A profile inheriting ConnectedDevice with a number {@code temperature}; its name. */
    static String profile(Http admin) {
        return Fixtures.newProfile(
                admin, "/v3", "ConnectedDevice", "{'name':'temperature','type':'number','access':'protected'}");
    }

    static Dev device(Http admin, String profile) {
        JsonNode d = Fixtures.device(admin, "/v3", profile);
        return new Dev(Fixtures.id(d), d.get("name").asText(), Fixtures.asDevice(admin, Fixtures.id(d)));
    }

    /** A device-level alert on {@code temperature} that runs {@code notification} on each write above 0; its name. */
    static String alertOn(Http admin, Dev d, ObjectNode notification) {
        String name = unique("notify");
        ObjectNode alert = Http.JSON.createObjectNode().put("name", name).put("trigger", "temperature");
        ObjectNode c = alert.putArray("conditions").addObject().put("severity", "notification");
        c.putObject("expression").put("operation", "gt").put("value", 0);
        c.putArray("handlers")
                .addObject()
                .put("key", "H1")
                .put("notification", notification.get("name").asText());
        alert.putArray("notifications").add(notification);
        body(admin.post("/v3/devices/" + d.id() + "/alerts", alert));
        return name;
    }

    /** A notification of {@code action} named {@code name}; the caller adds its fields. */
    static ObjectNode notification(String action, String name) {
        return Http.JSON.createObjectNode().put("action", action).put("name", name);
    }
}
