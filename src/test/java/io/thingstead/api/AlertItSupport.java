package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alert bodies and the profiles they hang on, for the alert integration tests. */
final class AlertItSupport {
    static final String DEVICE = "_dpf_100000000000000001";
    static final String ACTIVE = "_prp_100000000000000001";
    static final List<String> FIELDS = List.of(
            "id",
            "accountId",
            "ownerId",
            "name",
            "friendlyName",
            "description",
            "tags",
            "triggerId",
            "ttl",
            "status",
            "metric",
            "conditions",
            "recover",
            "notifications",
            "locked",
            "dateCreated",
            "dateModified");

    private AlertItSupport() {}

    /** An alert on {@code active} that logs once a device falls silent (README: Alerts). */
    static ObjectNode silentAlert(String name) {
        return (ObjectNode) Http.json("{'name': '" + name + "', 'triggerId': 'active', 'conditions': [{'severity':"
                + " 'warning', 'expression': {'operation': 'eq', 'value': 'inactive'}, 'handlers': [{'key': 'H1',"
                + " 'notification': 'logme'}]}], 'notifications': [{'action': 'log', 'name': 'logme', 'level':"
                + " 'warning', 'message': '${device.name} fell silent at ${timestamp}'}]}");
    }

    /**
     * Connio's documented example on {@code temperature}: warning and critical chains that loop,
     * an e-mail, a method call and a recover handler.
     */
    static ObjectNode temperatureAlert(String name) {
        return (ObjectNode) Http.json("{'name': '" + name + "', 'friendlyName': 'Machine temperature alert',"
                + " 'description': 'Too hot', 'tags': ['temperature'], 'trigger': 'temperature', 'ttl': '30s',"
                + " 'status': 'enabled', 'metric': 'avg(16min)', 'recover': {'key': 'H0', 'notification':"
                + " 'back_to_normal'}, 'conditions': [{'severity': 'warning', 'expression': {'operation': 'gt',"
                + " 'value': 45.2}, 'handlers': [{'key': 'H1', 'notification': 'logme', 'next': 'H2', 'timeout': '1"
                + " minute'}, {'key': 'H2', 'notification': 'emailme', 'next': 'H1', 'timeout': '1 minute'}]},"
                + " {'severity': 'critical', 'expression': {'operation': 'gt', 'value': 65.1}, 'handlers': [{'key':"
                + " 'H1', 'notification': 'logme', 'next': 'H2', 'timeout': '1 minute'}, {'key': 'H2',"
                + " 'notification': 'turnoff', 'next': 'H1', 'timeout': '1 minute'}]}], 'notifications': [{'action':"
                + " 'log', 'name': 'logme', 'logLevel': 'info', 'message': '${device.name} is too hot'},"
                + " {'action': 'email', 'name': 'emailme', 'to': 'admin@test.com', 'subject': '${property.name} on"
                + " ${device.name} is above 45', 'message': 'Now ${value}, was ${last_value}'}, {'action':"
                + " 'method', 'name': 'turnoff', 'method': 'stop', 'parameter': 'stop'}, {'action': 'email', 'name':"
                + " 'back_to_normal', 'to': 'admin@test.com', 'subject': '${alert.name} recovered', 'message':"
                + " 'Back to normal for ${device.name}'}]}");
    }

    /**
     * A profile of the account at {@code prefix} with a historical number {@code temperature}, a
     * most-recent number {@code setpoint}, a waypoint {@code position} and a string {@code label};
     * its name.
     */
    static String thermometer(Http as, String prefix, String base) {
        return Fixtures.newProfile(
                as,
                prefix,
                base,
                Map.of("name", "temperature", "type", "number", "access", "public"),
                Map.of("name", "setpoint", "type", "number", "retention", Map.of("type", "mostrecent")),
                Map.of("name", "position", "type", "waypoint"),
                Map.of("name", "label", "type", "string"));
    }

    static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("results").forEach(a -> out.add(a.get("name").asText()));
        return out;
    }

    /** A device-level alert on `level`: critical above 10, one log handler. */
    static Map<String, Object> levelAlert(String name) {
        return Map.of(
                "name",
                name,
                "trigger",
                "level",
                "conditions",
                List.of(Map.of(
                        "severity",
                        "critical",
                        "expression",
                        Map.of("operation", "gt", "value", 10),
                        "handlers",
                        List.of(Map.of("key", "H1", "notification", "logme")))),
                "notifications",
                List.of(Map.of("action", "log", "name", "logme")));
    }
}
