package io.thingstead.api;

import static io.thingstead.api.AlertItSupport.ACTIVE;
import static io.thingstead.api.AlertItSupport.DEVICE;
import static io.thingstead.api.AlertItSupport.FIELDS;
import static io.thingstead.api.AlertItSupport.names;
import static io.thingstead.api.AlertItSupport.silentAlert;
import static io.thingstead.api.AlertItSupport.temperatureAlert;
import static io.thingstead.api.AlertItSupport.thermometer;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.device;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert definitions through the real server: fields, owners, inheritance through profiles (docs/alerts.md). */
class AlertsIT extends AdminServerIt {
    private static String id(JsonNode e) {
        return e.get("id").asText();
    }

    @Test
    void profileAlertOnBuiltinDeviceActive_isCreatedWithEveryField_nullsIncluded() {
        JsonNode a = body(api.post("/v3/deviceprofiles/Device/alerts", silentAlert(unique("silent"))));
        for (String f : FIELDS) {
            assertThat(a.has(f)).as("alert field " + f + " in " + a).isTrue();
        }
        assertThat(id(a)).matches("_ale_\\d{18,19}");
        assertThat(a.get("ownerId").asText()).isEqualTo(DEVICE);
        assertThat(a.get("triggerId").asText()).isEqualTo(ACTIVE);
        assertThat(a.get("accountId").asText())
                .isEqualTo(body(api.get("/v3/accounts/_this_")).get("id").asText());
        assertThat(a.get("status").asText()).isEqualTo("enabled");
        assertThat(a.get("metric").asText()).isEqualTo("value");
        assertThat(a.get("ttl").isNull()).isTrue();
        assertThat(a.get("recover").isNull()).isTrue();
        assertThat(a.get("friendlyName").isNull()).isTrue();
        assertThat(a.has("trigger") || a.has("triggerPropId")).isFalse();
        JsonNode log = a.get("notifications").get(0);
        assertThat(log.get("action").asText()).isEqualTo("log");
        assertThat(log.get("level").asText()).isEqualTo("warning");
        assertThat(body(api.get("/v3/alerts/" + id(a)))).isEqualTo(a);
        assertThat(body(api.get(
                        "/v3/deviceprofiles/Device/alerts/" + a.get("name").asText())))
                .isEqualTo(a);
    }

    @Test
    void connioDocumentedExample_roundTrips_andAGetBodyPutsBackWhole() {
        String profile = thermometer(api, "/v3", "ConnectedDevice");
        JsonNode a = body(api.post("/v3/deviceprofiles/" + profile + "/alerts", temperatureAlert(unique("hot"))));
        assertThat(a.get("metric").asText()).isEqualTo("avg(16min)");
        assertThat(a.get("ttl").asText()).isEqualTo("30s");
        assertThat(a.get("recover").get("notification").asText()).isEqualTo("back_to_normal");
        assertThat(a.get("conditions")).hasSize(2);
        assertThat(a.get("conditions")
                        .get(1)
                        .get("handlers")
                        .get(1)
                        .get("timeout")
                        .asText())
                .isEqualTo("1 minute");
        JsonNode email = a.get("notifications").get(1);
        assertThat(email.get("to").asText()).isEqualTo("admin@test.com");
        assertThat(a.get("notifications").get(0).get("level").asText()).isEqualTo("info");
        JsonNode again = body(api.put("/v3/alerts/" + id(a), a));
        assertThat(again.get("conditions")).isEqualTo(a.get("conditions"));
        assertThat(again.get("notifications")).isEqualTo(a.get("notifications"));
    }

    @Test
    void trigger_isAcceptedAsIdNameOrQualifiedName_inAnyOfThreeFields_andEmittedAsTriggerId() {
        for (String[] spelling :
                new String[][] {{"triggerId", ACTIVE}, {"trigger", "device$active"}, {"triggerPropId", "Active"}}) {
            ObjectNode body = silentAlert(unique("silent"));
            body.remove("triggerId");
            body.put(spelling[0], spelling[1]);
            JsonNode a = body(api.post("/v3/deviceprofiles/Device/alerts", body));
            assertThat(a.get("triggerId").asText()).as(spelling[0]).isEqualTo(ACTIVE);
        }
    }

    @Test
    void deviceInheritsAlertsOfEveryProfileItIsA_twoLevelsAndTheBuiltin_withoutCopies() {
        String base = thermometer(api, "/v3", "ConnectedDevice");
        String child = unique("Child");
        body(api.post("/v3/deviceprofiles", Map.of("name", child, "baseProfile", base)));
        JsonNode dev = device(api, "/v3", child);
        JsonNode other = device(api, "/v3", child);
        String onBuiltin = unique("silent");
        body(api.post("/v3/deviceprofiles/Device/alerts", silentAlert(onBuiltin)));
        JsonNode onBase = body(api.post("/v3/deviceprofiles/" + base + "/alerts", temperatureAlert(unique("hot"))));
        String own = unique("own");
        body(api.post("/v3/devices/" + id(dev) + "/alerts", temperatureAlert(own)));

        JsonNode listed = body(api.get("/v3/devices/" + id(dev) + "/alerts"));
        assertThat(names(listed)).contains(onBuiltin, onBase.get("name").asText(), own);
        assertThat(names(listed).indexOf(own)).isLessThan(names(listed).indexOf(onBuiltin));
        assertThat(names(body(api.get("/v3/devices/" + id(other) + "/alerts"))))
                .contains(onBuiltin, onBase.get("name").asText())
                .doesNotContain(own);
        assertThat(names(body(api.get("/v3/deviceprofiles/" + child + "/alerts"))))
                .isEmpty();
        assertThat(names(body(api.get("/v3/alerts?owner=" + id(dev))))).isEqualTo(names(listed));
        assertThat(names(body(api.get("/v3/alerts?ownerId=" + base))))
                .containsExactly(onBase.get("name").asText());
        assertThat(body(api.get("/v3/devices/" + id(dev) + "/alerts/" + id(onBase)))
                        .get("ownerId")
                        .asText())
                .isEqualTo(body(api.get("/v3/deviceprofiles/" + base)).get("id").asText());

        body(api.put("/v3/alerts/" + id(onBase), Map.of("status", "disabled")));
        assertThat(body(api.get("/v3/devices/" + id(dev) + "/alerts/" + id(onBase)))
                        .get("status")
                        .asText())
                .isEqualTo("disabled");
        body(api.delete("/v3/deviceprofiles/" + base + "/alerts/" + id(onBase)));
        assertThat(names(body(api.get("/v3/devices/" + id(dev) + "/alerts"))))
                .doesNotContain(onBase.get("name").asText());
    }

    @Test
    void inheritedAlert_isChangedOnItsOwner_notThroughTheDevice() {
        String profile = thermometer(api, "/v3", "ConnectedDevice");
        JsonNode dev = device(api, "/v3", profile);
        JsonNode a = body(api.post("/v3/deviceprofiles/" + profile + "/alerts", temperatureAlert(unique("hot"))));
        String path = "/v3/devices/" + id(dev) + "/alerts/" + id(a);
        assertThat(errorMessage(api.put(path, Map.of("status", "disabled")), 400, "ValidationFailed"))
                .contains("change it there");
        errorMessage(api.delete(path), 400, "ValidationFailed");
        body(api.get("/v3/alerts/" + id(a)));
    }

    @Test
    void flatAndAccountScopedPaths_areTheSame() {
        JsonNode a = body(api.post("/v3/alerts?owner=Device", silentAlert(unique("silent"))));
        assertThat(a.get("ownerId").asText()).isEqualTo(DEVICE);
        assertThat(body(api.get("/v3/accounts/_this_/alerts/" + id(a)))).isEqualTo(a);
        ObjectNode body = silentAlert(unique("silent"));
        body.put("ownerId", "Device");
        assertThat(body(api.post("/v3/accounts/_this_/alerts", body))
                        .get("ownerId")
                        .asText())
                .isEqualTo(DEVICE);
        assertThat(names(body(api.get("/v3/accounts/_this_/deviceprofiles/Device/alerts"))))
                .contains(a.get("name").asText());
        assertThat(body(api.delete("/v3/accounts/_this_/alerts/" + id(a)))
                        .get("nrOfItems")
                        .asInt())
                .isEqualTo(1);
        errorMessage(api.get("/v3/alerts/" + id(a)), 404, "ResourceNotFound");
    }

    @Test
    void alertOnABuiltinProfile_belongsToItsAccountOnly() {
        String sub = body(api.post("/v3/accounts", Map.of("name", unique("sub"))))
                .get("id")
                .asText();
        String prefix = "/v3/accounts/" + sub;
        String name = unique("silent");
        body(api.post("/v3/deviceprofiles/Device/alerts", silentAlert(name)));
        JsonNode subDevice = device(api, prefix, "Device");
        assertThat(names(body(api.get(prefix + "/devices/" + id(subDevice) + "/alerts"))))
                .doesNotContain(name);
        assertThat(names(body(api.get(prefix + "/deviceprofiles/Device/alerts"))))
                .doesNotContain(name);
        body(api.post(prefix + "/deviceprofiles/Device/alerts", silentAlert(name)));
    }

    @Test
    void nameIsUniquePerOwner_caseInsensitively() {
        String profile = thermometer(api, "/v3", "ConnectedDevice");
        String name = unique("hot");
        body(api.post("/v3/deviceprofiles/" + profile + "/alerts", temperatureAlert(name)));
        errorMessage(
                api.post("/v3/deviceprofiles/" + profile + "/alerts", temperatureAlert(name.toUpperCase())),
                409,
                "NameAlreadyTaken");
        JsonNode dev = device(api, "/v3", profile);
        body(api.post("/v3/devices/" + id(dev) + "/alerts", temperatureAlert(name)));
    }

    @Test
    void deletingTheOwner_takesItsAlerts_butATriggerPropertyStaysWhileAnAlertUsesIt() {
        String profile = thermometer(api, "/v3", "ConnectedDevice");
        JsonNode dev = device(api, "/v3", profile);
        JsonNode onDevice = body(api.post("/v3/devices/" + id(dev) + "/alerts", temperatureAlert(unique("hot"))));
        JsonNode onProfile =
                body(api.post("/v3/deviceprofiles/" + profile + "/alerts", temperatureAlert(unique("hot"))));
        assertThat(errorMessage(
                        api.delete("/v3/deviceprofiles/" + profile + "/properties/temperature"), 409, "Conflict"))
                .contains("triggers alert");
        body(api.get("/v3/deviceprofiles/" + profile + "/properties/temperature"));

        body(api.delete("/v3/devices/" + id(dev)));
        errorMessage(api.get("/v3/alerts/" + id(onDevice)), 404, "ResourceNotFound");
        body(api.delete("/v3/deviceprofiles/" + profile));
        errorMessage(api.get("/v3/alerts/" + id(onProfile)), 404, "ResourceNotFound");
    }

    @Test
    void lockedAlert_refusesChanges_untilUnlocked() {
        ObjectNode body = silentAlert(unique("silent"));
        body.put("locked", true);
        JsonNode a = body(api.post("/v3/deviceprofiles/Device/alerts", body));
        errorMessage(api.put("/v3/alerts/" + id(a), Map.of("status", "disabled")), 403, "EntityLocked");
        errorMessage(api.delete("/v3/alerts/" + id(a)), 403, "EntityLocked");
        body(api.put("/v3/alerts/" + id(a), Map.of("locked", false)));
        body(api.delete("/v3/alerts/" + id(a)));
    }

    @Test
    void alerts_surviveARestart() {
        JsonNode a = body(api.post("/v3/deviceprofiles/Device/alerts", silentAlert(unique("silent"))));
        server.restart();
        api = server.admin();
        assertThat(body(api.get("/v3/alerts/" + id(a)))).isEqualTo(a);
    }

    @Test
    void unknownOwnersAndAlerts_areNotFound() {
        errorMessage(api.get("/v3/deviceprofiles/NoSuch/alerts"), 404, "ResourceNotFound");
        errorMessage(api.get("/v3/devices/NoSuch/alerts"), 404, "ResourceNotFound");
        errorMessage(api.get("/v3/alerts/_ale_1"), 404, "ResourceNotFound");
        errorMessage(api.get("/v3/deviceprofiles/Device/alerts/nosuch"), 404, "ResourceNotFound");
        errorMessage(api.post("/v3/alerts", silentAlert(unique("x"))), 400, "ValidationFailed");
        errorMessage(api.post("/v3/alerts?owner=NoSuch", silentAlert(unique("x"))), 400, "ValidationFailed");
    }
}
