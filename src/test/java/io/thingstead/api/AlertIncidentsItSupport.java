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

    /**
     * An alert on {@code temperature} whose chains wait: {@code warning} above 40 logs {@code
     * w-one}, then {@code w-two} a minute later and ends; {@code critical} above 60 logs {@code
     * c-one} and {@code c-two} two minutes apart, looping; {@code recover} logs {@code back}.
     */
    static ObjectNode chainAlert(String name) {
        return (ObjectNode) Http.json("{'name': '" + name + "', 'trigger': 'temperature', 'recover': {'key': 'R',"
                + " 'notification': 'back'}, 'conditions': [{'severity': 'warning', 'expression': {'operation': 'gt',"
                + " 'value': 40}, 'handlers': [{'key': 'W1', 'notification': 'w1', 'next': 'W2', 'timeout': '1"
                + " minute'}, {'key': 'W2', 'notification': 'w2'}]}, {'severity': 'critical', 'expression':"
                + " {'operation': 'gt', 'value': 60}, 'handlers': [{'key': 'C1', 'notification': 'c1', 'next': 'C2',"
                + " 'timeout': '2min'}, {'key': 'C2', 'notification': 'c2', 'next': 'C1', 'timeout': '2min'}]}],"
                + " 'notifications': [{'action': 'log', 'name': 'w1', 'message': 'w-one ${value}'}, {'action':"
                + " 'log', 'name': 'w2', 'message': 'w-two ${value}'}, {'action': 'log', 'name': 'c1', 'message':"
                + " 'c-one'}, {'action': 'log', 'name': 'c2', 'message': 'c-two'}, {'action': 'log', 'name':"
                + " 'back', 'message': 'back'}]}");
    }

    /** How many of the device log's messages start with {@code prefix}. */
    static long count(Http as, String deviceId, String prefix) {
        return log(as, deviceId).stream().filter(m -> m.startsWith(prefix)).count();
    }

    /** Waits until {@code count} of the device log's messages start with {@code prefix}. */
    static void awaitCount(Http as, String deviceId, String prefix, long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count(as, deviceId, prefix), n -> n == count);
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
