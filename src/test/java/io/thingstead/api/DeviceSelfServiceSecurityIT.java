package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.ApiAssert.field;
import static io.thingstead.testing.ApiAssert.page;
import static io.thingstead.testing.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a device or gateway key may do to itself and its edge devices, and what a disabled one may not. */
class DeviceSelfServiceSecurityIT extends SecurityItBase {

    static Stream<Arguments> selfServiceFields() {
        return Stream.of(
                Arguments.of("friendlyName", "Kitchen sensor"),
                Arguments.of("description", "by the device"),
                Arguments.of("tags", List.of("kitchen")),
                Arguments.of("location", Map.of("zone", "kitchen", "geo", Map.of("lat", 1.5, "lon", 2.5))),
                Arguments.of("timezone", "Vancouver UTC-08:00"),
                Arguments.of("annotateWithLoc", true),
                Arguments.of("annotateWithMeta", true));
    }

    @ParameterizedTest
    @MethodSource("selfServiceFields")
    void deviceKey_changesASelfServiceField_ofItself(String field, Object value) {
        JsonNode d = device();

        JsonNode updated = body(deviceKey(d).put("/v3/devices/_this_", Map.of(field, value)));

        assertThat(updated.get(field)).isEqualTo(Http.JSON.valueToTree(value));
    }

    static Stream<Arguments> adminFields() {
        return Stream.of(
                // each differs from the device's own value (the same value may be sent back)
                Arguments.of("status", "disabled"),
                Arguments.of("profile", "ConnectedDevice"),
                Arguments.of("profileId", "_dpf_123456789012345678"),
                Arguments.of("apps", List.of("_app_123456789012345678")),
                Arguments.of("name", "renamed-by-device"),
                Arguments.of("customIds", Map.of("sn", "SN-1")),
                Arguments.of("locked", true),
                Arguments.of("period", 60),
                Arguments.of("apikey", Map.of()),
                Arguments.of("id", "_dev_123456789012345678"));
    }

    @ParameterizedTest
    @MethodSource("adminFields")
    void deviceKey_changingAnAdminField_is403NamingIt_andChangesNothing(String field, Object value) {
        JsonNode d = device();
        Http key = deviceKey(d);

        String msg = errorMessage(
                key.put("/v3/devices/_this_", Map.of(field, value, "friendlyName", "changed")), 403, "Forbidden");

        assertThat(msg).contains("'" + field + "'");
        JsonNode after = body(admin.get("/v3/devices/" + id(d)));
        assertThat(after.get("friendlyName")).isEqualTo(d.get("friendlyName"));
        assertThat(after.get("dateModified")).isEqualTo(d.get("dateModified"));
    }

    /** The device as its own key reads it. */
    private static ObjectNode readItself(Http key) {
        return (ObjectNode) body(key.get("/v3/devices/_this_"));
    }

    @Test
    void deviceKey_putsBackWhatItRead_withASelfServiceFieldChanged() {
        JsonNode d = device();
        Http key = deviceKey(d);
        ObjectNode whole = readItself(key);
        whole.put("friendlyName", "read and written back");

        JsonNode updated = body(key.put("/v3/devices/_this_", whole));

        assertThat(updated.get("friendlyName").asText()).isEqualTo("read and written back");
        assertThat(updated.get("name")).isEqualTo(d.get("name"));
        assertThat(updated.get("status")).isEqualTo(d.get("status"));
    }

    @Test
    void deviceKey_sendingBackAnAdminFieldAnAdministratorChangedSince_is403_andSetsNothingBack() {
        JsonNode d = device();
        Http key = deviceKey(d);
        ObjectNode whole = readItself(key);
        body(admin.put("/v3/devices/" + id(d), Map.of("period", 77)));
        whole.put("friendlyName", "stale");

        String msg = errorMessage(key.put("/v3/devices/_this_", whole), 403, "Forbidden");

        assertThat(msg).contains("'period'");
        JsonNode after = body(admin.get("/v3/devices/" + id(d)));
        assertThat(after.get("period").asInt()).isEqualTo(77);
        assertThat(after.get("friendlyName")).isEqualTo(d.get("friendlyName"));
    }

    @Test
    void deviceKey_misspellingASelfServiceField_is403NamingTheNearestOne() {
        JsonNode d = device();

        String msg = errorMessage(deviceKey(d).put("/v3/devices/_this_", Map.of("frendlyName", "x")), 403, "Forbidden");

        assertThat(msg).contains("'frendlyName'", "did you mean 'friendlyName'");
        assertThat(body(admin.get("/v3/devices/" + id(d))).get("dateModified")).isEqualTo(d.get("dateModified"));
    }

    @ParameterizedTest
    @CsvSource({
        "GET, /v3/devices",
        "GET, /v3/users",
        "GET, /v3/apiclients",
        "GET, /v3/accounts",
        "GET, /v3/accounts/_this_",
        "GET, /v3/deviceprofiles",
        "GET, /v3/properties",
        "POST, /v3/devices",
        "POST, /v3/apiclients",
        "POST, /v3/users",
        "PUT, /v3/accounts/_this_",
        "DELETE, /v3/devices/_this_"
    })
    void deviceKey_onAnAdminEndpoint_is401(String method, String path) {
        JsonNode d = device();

        errorMessage(deviceKey(d).send(method, path, "GET".equals(method) ? null : Map.of("name", "x")), 401, null);

        body(admin.get("/v3/devices/" + id(d)));
    }

    @Test
    void disabledDevice_cannotReEnableItself() {
        JsonNode d = device();
        Http key = deviceKey(d);
        body(admin.put("/v3/devices/" + id(d), Map.of("status", "disabled")));

        errorMessage(key.put("/v3/devices/_this_", Map.of("status", "enabled")), 403, "Forbidden");
        errorMessage(key.put("/v3/devices/_this_", Map.of("friendlyName", "still here")), 403, "Forbidden");

        assertThat(body(admin.get("/v3/devices/" + id(d))).get("status").asText())
                .isEqualTo("disabled");
    }

    @Test
    void gatewayKey_cannotReEnableItsDisabledEdge_butChangesItsSelfServiceFields() {
        Gateway g = Gateway.create();
        body(admin.put("/v3/devices/" + id(g.edge()), Map.of("status", "disabled")));

        assertThat(errorMessage(
                        g.key().put("/v3/devices/" + id(g.edge()), Map.of("status", "enabled")), 403, "Forbidden"))
                .contains("'status'");
        assertThat(body(admin.get("/v3/devices/" + id(g.edge()))).get("status").asText())
                .isEqualTo("disabled");
        body(g.key().put("/v3/devices/" + id(g.edge()), Map.of("friendlyName", "edge by gateway")));
        errorMessage(g.key().put("/v3/devices/" + id(g.other()), Map.of("friendlyName", "x")), 404, "ResourceNotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT"})
    void deviceKey_cannotRegenerateOrChangeAnyKey_403(String method) {
        Gateway g = Gateway.create();
        JsonNode before = keyOf(g.gw());
        Object body = "PUT".equals(method) ? Map.of("context", context("device", id(g.gw()))) : null;

        for (String ref : List.of("_this_", id(g.gw()), id(g.edge()))) {
            String msg = errorMessage(g.key().send(method, "/v3/devices/" + ref + "/apikey", body), 403, "Forbidden");
            assertThat(msg).contains("device key");
        }
        assertThat(keyOf(g.gw())).isEqualTo(before);
        body(g.key().get("/v3/devices/_this_"));
    }

    @Test
    void disabledGateway_writesNothingForItsEdges_norForItself() {
        Gateway g = Gateway.create();
        body(writeLevel(g.key(), id(g.edge()), 1));
        body(admin.put("/v3/devices/" + id(g.gw()), Map.of("status", "disabled")));

        errorMessage(writeLevel(g.key(), id(g.edge()), 2), 403, "Forbidden");
        errorMessage(writeLevel(g.key(), "_this_", 3), 403, "Forbidden");
        errorMessage(g.key().post("/v3/data/devices/" + id(g.edge()), Map.of("level", 4)), 403, "Forbidden");
        errorMessage(
                g.key()
                        .post(
                                "/v3/accounts/" + mainId + "/data/devices/" + id(g.edge()) + "/properties/level",
                                Map.of("dps", List.of(Map.of("v", 5)))),
                403,
                "Forbidden");

        assertThat(body(admin.get("/v3/data/devices/" + id(g.edge())))
                        .get("level")
                        .asInt())
                .isEqualTo(1);
        // the edge device's own key is not the gateway's: it still writes
        body(writeLevel(deviceKey(g.edge()), "_this_", 6));
    }

    @Test
    void disabledDeviceKey_isRefusedOnEveryPath_readsIncluded() {
        Gateway g = Gateway.create();
        Http key = g.key();
        body(admin.put("/v3/devices/" + id(g.gw()), Map.of("status", "disabled")));

        for (String path : List.of(
                "/v3/devices/_this_",
                "/v3/devices/" + id(g.edge()),
                "/v3/devices/_this_/apikey",
                "/v3/devices/_this_/logs",
                "/v3/data",
                "/v3/data/devices/_this_",
                "/v3/data/devices/" + id(g.edge()),
                "/v3/data/devices/" + id(g.edge()) + "/state",
                "/v3/data/properties/level",
                "/v3/data/devices/_this_/properties/level",
                "/v3/properties?ownerId=" + id(g.edge()))) {
            errorMessage(key.get(path), 403, "Forbidden");
        }
        errorMessage(key.post("/v3/data/properties/level", Map.of("dps", List.of(Map.of("v", 1)))), 403, "Forbidden");
        errorMessage(
                key.post("/v3/data/properties", Map.of("dps", List.of(Map.of("prop", "level", "v", 1)))),
                403,
                "Forbidden");
        errorMessage(key.post("/v3/data/devices/_this_/properties/level/query", Map.of()), 403, "Forbidden");
    }

    @Test
    void deviceKey_listsItsOwnPropertyDefinitions_builtinsIncluded() {
        JsonNode d = device();
        Http key = deviceKey(d);

        JsonNode byDevice = page(key.get("/v3/properties?ownerId=" + id(d)));
        JsonNode byProfile = page(admin.get("/v3/properties?ownerId=" + sensor));

        assertThat(byDevice).isEqualTo(byProfile);
        assertThat(field(byDevice.get("results"), "name"))
                .contains("level", "active", "lastIn", "lastOut", "connectionInfo", "connectionStatus");
        for (JsonNode p : byDevice.get("results")) {
            assertThat(p.get("inherited").asBoolean())
                    .as(p.toString())
                    .isEqualTo(!"level".equals(p.get("name").asText()));
        }
        assertThat(page(key.get("/v3/properties?ownerId=_this_"))).isEqualTo(byProfile);
        assertThat(page(key.get("/v3/properties?owner=" + d.get("name").asText())))
                .isEqualTo(byProfile);
    }

    @Test
    void propertiesByDevice_gatewayForItsEdges_accountKeysWithDeviceRead_othersNotFound() {
        Gateway g = Gateway.create();
        JsonNode expected = page(admin.get("/v3/properties?ownerId=" + sensor));

        assertThat(page(g.key().get("/v3/properties?ownerId=" + id(g.edge())))).isEqualTo(expected);
        errorMessage(g.key().get("/v3/properties?ownerId=" + id(g.other())), 404, "ResourceNotFound");
        errorMessage(deviceKey(g.edge()).get("/v3/properties?ownerId=" + id(g.gw())), 404, "ResourceNotFound");

        assertThat(page(admin.get("/v3/properties?ownerId=" + id(g.edge())))).isEqualTo(expected);
        assertThat(page(user("guest")
                        .get("/v3/properties?owner=" + g.edge().get("name").asText())))
                .isEqualTo(expected);
        Http devicesOnly = clientKey(context("account"), "device:read");
        assertThat(page(devicesOnly.get("/v3/properties?ownerId=" + id(g.edge()))))
                .isEqualTo(expected);
        assertThat(errorMessage(devicesOnly.get("/v3/properties?ownerId=" + sensor), 401, "MissingScope"))
                .contains("deviceprofile:read");
        Http neither = clientKey(context("account"), "account:read");
        errorMessage(neither.get("/v3/properties?ownerId=" + id(g.edge())), 401, "MissingScope");

        JsonNode stranger = createMaster(Fixtures.unique("Stranger"));
        Http strangerAdmin = admin.as(stranger.get("apikey"));
        errorMessage(strangerAdmin.get("/v3/properties?ownerId=" + id(g.edge())), 404, "ResourceNotFound");
        errorMessage(
                strangerAdmin.get("/v3/properties?owner=" + g.edge().get("name").asText()), 404, "ResourceNotFound");
    }
}
