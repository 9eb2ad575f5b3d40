package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.MethodCallSupport.call;
import static io.thingstead.api.MethodCallSupport.define;
import static io.thingstead.api.MethodCallSupport.device;
import static io.thingstead.api.MethodCallSupport.failed;
import static io.thingstead.api.MethodCallSupport.listEdges;
import static io.thingstead.api.MethodCallSupport.profile;
import static io.thingstead.api.MethodCallSupport.result;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.api.MethodCallSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who calls what along two profile levels, overrides, and a gateway's methods reaching its edge
 * devices and nothing else (docs/methods.md: Access, Built-ins).
 */
class MethodAccessIT extends AdminServerIt {
    @Test
    void accessRules_alongTwoProfileLevels_withAChildOverride() {
        String base = profile(api, "Device");
        define(api, base, "pm", "private", "return 'base private';");
        define(api, base, "pr", "protected", "return 'base protected';");
        define(api, base, "pu", "public", "return 'base public';");
        define(api, base, "baseCallsPrivate", "public", "return this.pm();");
        String child = Fixtures.newProfile(api, "/v3", base);
        define(api, child, "pu", "public", "return 'child public, then ' + await this.pr();");
        define(api, child, "childCallsPrivate", "public", "return this.pm();");
        define(api, child, "childCallsProtected", "public", "return this.pr();");
        Dev d = device(api, child);

        assertThat(result(call(api, d.id(), "pu", null)).asText()).isEqualTo("child public, then base protected");
        assertThat(result(call(api, d.id(), "baseCallsPrivate", null)).asText()).isEqualTo("base private");
        assertThat(result(call(api, d.id(), "childCallsProtected", null)).asText())
                .isEqualTo("base protected");
        assertThat(failed(call(api, d.id(), "childCallsPrivate", null), 422, "MethodFailed"))
                .contains("Method 'pm' is private");

        assertThat(failed(call(api, d.id(), "pr", null), 403, "Forbidden")).contains("is protected");
        assertThat(failed(call(api, d.id(), "pm", null), 403, "Forbidden")).contains("is private");
        assertThat(result(call(d.key(), "_this_", "pr", null)).asText()).isEqualTo("base protected");
        assertThat(failed(call(d.key(), "_this_", "pm", null), 403, "Forbidden"))
                .contains("is private");
        assertThat(failed(call(api, d.id(), "nothing", null), 404, "ResourceNotFound"))
                .contains("Method 'nothing' not found");
    }

    @Test
    void aBaseDevice_runsTheBaseDefinition_aChildDeviceTheOverride() {
        String base = profile(api, "Device");
        define(api, base, "who", "public", "return 'base';");
        String child = Fixtures.newProfile(api, "/v3", base);
        define(api, child, "who", "public", "return 'child';");
        assertThat(result(call(api, device(api, base).id(), "who", null)).asText())
                .isEqualTo("base");
        assertThat(result(call(api, device(api, child).id(), "who", null)).asText())
                .isEqualTo("child");
    }

    @Test
    void gatewayMethod_reachesItsEdgeDevices_withEveryGatewayBuiltIn() {
        String sensors = profile(api, "ConnectedDevice");
        define(api, sensors, "twice", "protected", "return value * 2;");
        String hubs = profile(api, "Gateway");
        define(api, hubs, "edges", "public", "return this.findDevices(value);");
        define(api, hubs, "sumEdges", "public", """
                const ids = await this.findDevices({});
                let sum = 0;
                for (const id of ids) { sum += await this.getDeviceProperty(id, 'temperature'); }
                return sum;""");
        define(api, hubs, "setEdge", "public", "return this.setDeviceProperty(value.id, 'secret', {value: value.v});");
        define(api, hubs, "runEdge", "public", "return this.executeDeviceMethod(value, 'twice', 21);");
        define(
                api,
                hubs,
                "legacyRun",
                "public",
                "App.api.executeDeviceMethod(value, 'twice', 2).then(r => done(null, r.result));");
        Dev hub = device(api, hubs);
        Dev e1 = device(api, sensors);
        Dev e2 = device(api, sensors);
        listEdges(api, hub, e1, e2);
        body(e1.key().post("/v3/data/devices/_this_", Map.of("temperature", 1.5)));
        body(e2.key().post("/v3/data/devices/_this_", Map.of("temperature", 2)));

        assertThat(ids(result(call(api, hub.id(), "edges", Map.of())))).containsExactly(e1.id(), e2.id());
        assertThat(ids(result(call(api, hub.id(), "edges", Map.of("name", e2.name())))))
                .containsExactly(e2.id());
        assertThat(ids(result(call(api, hub.id(), "edges", Map.of("is_a", "Gateway")))))
                .isEmpty();
        assertThat(result(call(api, hub.id(), "sumEdges", null)).asDouble()).isEqualTo(3.5);
        assertThat(result(call(api, hub.id(), "setEdge", Map.of("id", e1.id(), "v", "set by hub")))
                        .get("value")
                        .asText())
                .isEqualTo("set by hub");
        assertThat(body(e1.key().get("/v3/data/devices/_this_")).get("secret").asText())
                .isEqualTo("set by hub");
        assertThat(result(call(api, hub.id(), "runEdge", e1.id())).get("result").asInt())
                .isEqualTo(42);
        assertThat(result(call(api, hub.id(), "legacyRun", e2.name())).asInt()).isEqualTo(4);
        assertThat(failed(call(api, hub.id(), "edges", Map.of("color", "red")), 422, "MethodFailed"))
                .contains("findDevices:");
    }

    @Test
    void gatewayMethod_isRefusedForDevicesOutsideItsKeyContext_atCallTime_andWritesNothing() {
        String sensors = profile(api, "ConnectedDevice");
        define(api, sensors, "twice", "protected", "return value * 2;");
        String hubs = profile(api, "Gateway");
        define(api, hubs, "setEdge", "public", """
                return this.setDeviceProperty(value, 'temperature', {value: 7})
                    .then(() => 'written', e => 'refused: ' + e.message);""");
        define(api, hubs, "readEdge", "public", "return this.getDeviceProperty(value, 'temperature');");
        define(api, hubs, "runEdge", "public", "return this.executeDeviceMethod(value, 'twice', 1);");
        Dev hub = device(api, hubs);
        Dev edge = device(api, sensors);
        Dev stranger = device(api, sensors);
        listEdges(api, hub, edge);

        assertThat(result(call(api, hub.id(), "setEdge", stranger.id())).asText())
                .startsWith("refused: setDeviceProperty: device '" + stranger.id() + "' is not one of the devices");
        assertThat(body(api.get("/v3/data/devices/" + stranger.id())).has("temperature"))
                .isFalse();
        awaitLog(api, hub.id(), "setDeviceProperty: device '" + stranger.id() + "' is not one of the devices");
        assertThat(failed(call(api, hub.id(), "runEdge", stranger.id()), 422, "MethodFailed"))
                .contains("executeDeviceMethod: device '" + stranger.id() + "' is not one of");
        body(api.put("/v3/devices/" + hub.id() + "/methods/runEdge", Map.of("disabled", false)));

        assertThat(result(call(api, hub.id(), "setEdge", edge.id())).asText()).isEqualTo("written");
        listEdges(api, hub);
        assertThat(result(call(api, hub.id(), "setEdge", edge.id())).asText()).startsWith("refused:");
        assertThat(failed(call(api, hub.id(), "readEdge", edge.id()), 422, "MethodFailed"))
                .contains("getDeviceProperty: device '" + edge.id() + "' is not one of");
        assertThat(failed(call(api, hub.id(), "runEdge", edge.id()), 422, "MethodFailed"))
                .contains("is not one of");
        assertThat(body(api.get("/v3/data/devices/" + edge.id()))
                        .get("temperature")
                        .asInt())
                .isEqualTo(7);
    }

    @Test
    void gatewayKey_callsItsEdgesMethods_protectedOnesToo_andNotOthers() {
        String sensors = profile(api, "ConnectedDevice");
        define(api, sensors, "twice", "protected", "return value * 2;");
        Dev hub = device(api, profile(api, "Gateway"));
        Dev edge = device(api, sensors);
        Dev stranger = device(api, sensors);
        listEdges(api, hub, edge);
        assertThat(result(call(hub.key(), edge.id(), "twice", 4)).asInt()).isEqualTo(8);
        failed(call(hub.key(), stranger.id(), "twice", 4), 404, "ResourceNotFound");
    }

    @Test
    void keys_needDeviceExecute_reachPublicMethodsOnly_andNeverAnotherAccountsDevice() {
        String profile = profile(api, "Device");
        define(api, profile, "pu", "public", "return 'public';");
        define(api, profile, "pr", "protected", "return 'protected';");
        Dev d = device(api, profile);
        Http executes = api.as(client(List.of("device:execute")));
        Http reads = api.as(client(List.of("device:read", "device:read-data")));
        assertThat(result(call(executes, d.id(), "pu", null)).asText()).isEqualTo("public");
        assertThat(failed(call(executes, d.id(), "pr", null), 403, "Forbidden")).contains("is protected");
        assertThat(failed(call(reads, d.id(), "pu", null), 401, "MissingScope")).contains("device:execute");
        Http stranger = api.as(body(server.sysadmin()
                        .post(
                                "/v3/sys/accounts",
                                Map.of(
                                        "name",
                                        unique("Other"),
                                        "user",
                                        Map.of(
                                                "name",
                                                "Owner",
                                                "email",
                                                io.thingstead.testing.Fixtures.uniqueEmail("o")))))
                .get("apikey"));
        failed(call(stranger, d.id(), "pu", null), 404, "ResourceNotFound");
        failed(call(stranger, "_this_", "pu", null), 404, "ResourceNotFound");
        Dev theirs = device(stranger, profile(stranger, "Device"));
        failed(call(api, theirs.id(), "pu", null), 404, "ResourceNotFound");
        failed(call(d.key(), theirs.id(), "pu", null), 404, "ResourceNotFound");
    }

    private static JsonNode client(List<String> scope) {
        return Fixtures.apiClient(api, "/v3", Map.of("type", "account", "ids", List.of()), scope)
                .get("apikey");
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
