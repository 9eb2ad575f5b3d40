package io.thingstead.api;

import static io.thingstead.api.AlertItSupport.names;
import static io.thingstead.api.AlertItSupport.silentAlert;
import static io.thingstead.api.AlertItSupport.temperatureAlert;
import static io.thingstead.api.AlertItSupport.thermometer;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad alert is a 400 ValidationFailed naming its field, and stores nothing (docs/alerts.md: Bad input). */
class AlertInputIT extends AdminServerIt {
    private static String profile;
    private static String other;

    @BeforeAll
    static void profiles() {
        profile = thermometer(api, "/v3", "ConnectedDevice");
        other = thermometer(api, "/v3", "Device");
        body(api.post(
                "/v3/deviceprofiles/" + other + "/properties", Http.json("{'name': 'pressure', 'type': 'number'}")));
    }

    /** Sets the JSON value at the pointer ({@code -} appends to an array). */
    private static Consumer<ObjectNode> set(String pointer, String json) {
        return body -> {
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode parent = body.at(p.head());
            JsonNode value = Http.json(json);
            if (parent instanceof ArrayNode a) {
                if (p.last().getMatchingProperty().equals("-")) {
                    a.add(value);
                } else {
                    a.set(p.last().getMatchingIndex(), value);
                }
            } else {
                ((ObjectNode) parent).set(p.last().getMatchingProperty(), value);
            }
        };
    }

    private static Consumer<ObjectNode> remove(String pointer) {
        return body -> {
            JsonPointer p = JsonPointer.compile(pointer);
            ((ObjectNode) body.at(p.head())).remove(p.last().getMatchingProperty());
        };
    }

    private static Arguments bad(String field, Consumer<ObjectNode> change) {
        return Arguments.of(field, change);
    }

    static Stream<Arguments> badAlerts() {
        String cond = "{'severity': 'notification', 'expression': {'operation': 'gt', 'value': 1}, 'handlers':"
                + " [{'key': 'H1', 'notification': 'logme'}]}";
        return Stream.of(
                bad("trigger", set("/trigger", "'nosuch'")),
                bad("trigger", set("/trigger", "'pressure'")),
                bad("triggerId", remove("/trigger")),
                bad("trigger", set("/triggerId", "'temperature'").andThen(set("/trigger", "'label'"))),
                bad("metric", set("/metric", "'avg(5 parsecs)'")),
                bad("metric", set("/metric", "'median(5min)'")),
                bad("metric", set("/trigger", "'setpoint'")),
                bad("metric", set("/trigger", "'label'").andThen(set("/metric", "'max(1h)'"))),
                bad("metric", set("/metric", "'geoFence(1,2,3)'")),
                bad("conditions", set("/conditions/-", cond).andThen(set("/conditions/-", cond))),
                bad("conditions[1].severity", set("/conditions/1/severity", "'warning'")),
                bad("conditions[0].severity", set("/conditions/0/severity", "'urgent'")),
                bad("conditions", set("/conditions", "[]")),
                bad("conditions", set("/conditions", "'warning'")),
                bad("conditions[0].handlers", set("/conditions/0/handlers", "[]")),
                bad("conditions[0].handlers[0].next", set("/conditions/0/handlers/0/next", "'H9'")),
                bad("conditions[0].handlers[1].key", set("/conditions/0/handlers/1/key", "'H1'")),
                bad("conditions[0].handlers[0].notification", set("/conditions/0/handlers/0/notification", "'nope'")),
                bad("conditions[0].handlers[0].timeout", set("/conditions/0/handlers/0/timeout", "'1 fortnight'")),
                bad(
                        "conditions[0].handlers[0].timeout",
                        remove("/conditions/0/handlers/0/timeout").andThen(remove("/conditions/0/handlers/1/timeout"))),
                bad("conditions[0].handlers[0].severity", set("/conditions/0/handlers/0/severity", "'x'")),
                bad("conditions[0].expression.operation", set("/conditions/0/expression/operation", "'between'")),
                bad("conditions[0].expression.value", set("/conditions/0/expression/value", "'hot'")),
                bad("conditions[0].expression.value", set("/conditions/0/expression/value", "{'a': 1}")),
                bad("conditions[0].expression.value", remove("/conditions/0/expression/value")),
                bad("conditions[0].expression.valeu", set("/conditions/0/expression/valeu", "1")),
                bad("recover.notification", set("/recover/notification", "'nope'")),
                bad("recover.next", set("/recover/next", "'H1'")),
                bad("notifications[4].name", set("/notifications/-", "{'action': 'log', 'name': 'unused'}")),
                bad("notifications[3].name", set("/notifications/3/name", "'logme'")),
                bad("notifications[0].action", set("/notifications/0/action", "'fax'")),
                bad("notifications[0].action", remove("/notifications/0/action")),
                bad("notifications[0].url", set("/notifications/0/url", "'http://x'")),
                bad("notifications[0].logLevel", set("/notifications/0/logLevel", "'loud'")),
                bad("notifications[0].message", set("/notifications/0/message", "'${device.nmae} is hot'")),
                bad("notifications[1].subject", set("/notifications/1/subject", "'${alert} is hot'")),
                bad("notifications[1].to", set("/notifications/1/to", "'nobody'")),
                bad(
                        "notifications[1].url",
                        set("/notifications/1", "{'action': 'webhook', 'name': 'emailme', 'url': 'ftp://x.org/h'}")),
                bad(
                        "notifications[1].url",
                        set("/notifications/1", "{'action': 'webhook', 'name': 'emailme', 'url': 'not a url'}")),
                bad(
                        "notifications[1].url",
                        set(
                                "/notifications/1",
                                "{'action': 'webhook', 'name': 'emailme', 'url': 'https://x.org/${device.nam}'}")),
                bad(
                        "notifications[1].method",
                        set(
                                "/notifications/1",
                                "{'action': 'webhook', 'name': 'emailme', 'url': 'https://x.org', 'method': 'patch'}")),
                bad(
                        "notifications[1].to",
                        set("/notifications/1", "{'action': 'sms', 'name': 'emailme', 'to': '555-1234'}")),
                bad("name", set("/name", "5")),
                bad("name", set("/name", "'9lives'")),
                bad("name", remove("/name")),
                bad("perod", set("/perod", "1")),
                bad("tags", set("/tags", "'a'")),
                bad("ttl", set("/ttl", "30")),
                bad("ttl", set("/ttl", "'0s'")),
                bad("status", set("/status", "'on'")),
                bad("locked", set("/locked", "'yes'")),
                bad("ownerId", set("/ownerId", "'Device'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAlerts")
    void badAlert_isRefusedNamingTheField_andNothingIsStored(String field, Consumer<ObjectNode> change) {
        ObjectNode body = temperatureAlert(unique("hot"));
        change.accept(body);
        assertThat(errorMessage(api.post("/v3/deviceprofiles/" + profile + "/alerts", body), 400, "ValidationFailed"))
                .startsWith("'" + field + "'");
        assertThat(names(body(api.get("/v3/alerts?pageSize=1000"))))
                .doesNotContain(body.path("name").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAlerts")
    void badChange_isRefusedNamingTheField_andTheAlertIsUnchanged(String field, Consumer<ObjectNode> change) {
        JsonNode stored = body(api.post("/v3/deviceprofiles/" + profile + "/alerts", temperatureAlert(unique("hot"))));
        ObjectNode body = stored.deepCopy();
        body.set("trigger", body.get("triggerId"));
        body.remove("triggerId");
        change.accept(body);
        if (field.equals("name") || field.equals("ownerId") || field.equals("triggerId")) {
            return;
        }
        assertThat(errorMessage(api.put("/v3/alerts/" + stored.get("id").asText(), body), 400, "ValidationFailed"))
                .startsWith("'" + field + "'");
        assertThat(body(api.get("/v3/alerts/" + stored.get("id").asText()))).isEqualTo(stored);
    }

    @Test
    void silentAlertValueOutsideTheEnumOfActive_isRefused() {
        ObjectNode body = silentAlert(unique("silent"));
        set("/conditions/0/expression/value", "'inactiv'").accept(body);
        assertThat(errorMessage(api.post("/v3/deviceprofiles/Device/alerts", body), 400, "ValidationFailed"))
                .startsWith("'conditions[0].expression.value'")
                .contains("inactive");
    }

    @Test
    void aMalformedOrWrongShapedBody_isRefused() {
        errorMessage(api.post("/v3/deviceprofiles/Device/alerts", "{\"name\":"), 400, "MalformedJson");
        errorMessage(api.post("/v3/deviceprofiles/Device/alerts", "[1]"), 400, "ValidationFailed");
        errorMessage(api.post("/v3/alerts?owner=Device&color=red", silentAlert(unique("x"))), 400, "ValidationFailed");
    }
}
