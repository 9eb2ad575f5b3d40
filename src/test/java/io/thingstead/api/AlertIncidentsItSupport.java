package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Alert bodies that log, and waits for what the evaluation (a subscriber, so after the ack) did. */
final class AlertIncidentsItSupport {
    private AlertIncidentsItSupport() {}

    /**
     * An alert on {@code temperature}: {@code warning} above 40, {@code critical} above 60, each
     * logging a line naming its severity and the value, and a {@code recover} that logs.
     */
    static ObjectNode hotAlert(String name) {
        return (ObjectNode) Http.json("{'name': '" + name + "', 'trigger': 'temperature', 'recover': {'key': 'R',"
                + " 'notification': 'back'}, 'conditions': [{'severity': 'warning', 'expression': {'operation': 'gt',"
                + " 'value': 40}, 'handlers': [{'key': 'H1', 'notification': 'warm'}]}, {'severity': 'critical',"
                + " 'expression': {'operation': 'gt', 'value': 60}, 'handlers': [{'key': 'H1', 'notification':"
                + " 'hot'}]}], 'notifications': [{'action': 'log', 'name': 'warm', 'level': 'warning', 'message':"
                + " 'warm ${device.name} ${value} was ${last_value}'}, {'action': 'log', 'name': 'hot', 'level':"
                + " 'error', 'message': 'hot ${property.name} ${value}'}, {'action': 'log', 'name': 'back',"
                + " 'message': 'back to normal ${alert.name}'}]}");
    }

    /** An alert whose only condition is {@code notification}: logs every write above 0. */
    static ObjectNode passThroughAlert(String name) {
        return (ObjectNode) Http.json("{'name': '" + name + "', 'trigger': 'temperature', 'conditions': [{'severity':"
                + " 'notification', 'expression': {'operation': 'gt', 'value': 0}, 'handlers': [{'key': 'H1',"
                + " 'notification': 'fwd'}]}], 'notifications': [{'action': 'log', 'name': 'fwd', 'message':"
                + " 'forwarded ${value}'}]}");
    }

    static List<JsonNode> incidents(Http as, String deviceId) {
        List<JsonNode> out = new ArrayList<>();
        body(as.get("/v3/devices/" + deviceId + "/alerts/incidents"))
                .get("results")
                .forEach(out::add);
        return out;
    }

    /** Waits until the device's open incidents satisfy {@code test}; returns them. */
    static List<JsonNode> awaitIncidents(Http as, String deviceId, Predicate<List<JsonNode>> test) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> incidents(as, deviceId), test);
    }

    /** The device log's messages, oldest first. */
    static List<String> log(Http as, String deviceId) {
        List<String> out = new ArrayList<>();
        body(as.get("/v3/devices/" + deviceId + "/logs?pageSize=1000"))
                .get("results")
                .forEach(e -> out.add(0, e.get("message").asText()));
        return out;
    }

    /** Waits until the device log holds a message containing {@code text}; returns the log. */
    static List<String> awaitLog(Http as, String deviceId, String text) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> log(as, deviceId), l -> l.stream().anyMatch(m -> m.contains(text)));
    }
}
