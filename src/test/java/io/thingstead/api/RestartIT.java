package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.deviceBody;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything created through the API survives a restart on the same data dir with identical JSON;
 * keys keep authenticating; ids issued after the restart stay unique. The fixture is built, read
 * and the server restarted once before the tests run.
 */
class RestartIT {
    static TestServer server;
    /** Path → JSON read before the restart. */
    static final Map<String, JsonNode> before = new LinkedHashMap<>();

    static final List<String> idsBefore = new ArrayList<>();
    static JsonNode profile;
    static JsonNode gatewayProfile;
    static JsonNode property;
    static JsonNode device;
    static JsonNode gateway;
    static JsonNode edge;
    static JsonNode deletedEdge;
    static JsonNode unsetLocation;
    static JsonNode deviceKey;
    static JsonNode gatewayKey;
    static JsonNode regeneratedOld;
    static JsonNode regeneratedNew;
    static JsonNode subAccount;
    static JsonNode user;
    static JsonNode userKey;
    static JsonNode client;
    static JsonNode clientKey;
    static String sn;

    @BeforeAll
    static void buildRestart() {
        server = TestServer.start();
        Http admin = server.admin();

        profile = Fixtures.profile(admin, "/v3", unique("Thermo"), "ConnectedDevice");
        gatewayProfile = Fixtures.profile(admin, "/v3", unique("Hub"), "Gateway");
        property = body(admin.post(
                "/v3/deviceprofiles/" + profile.get("id").asText() + "/properties",
                Http.json("{'name':'temperature','type':'number','access':'public','publish':'always'}")));
        sn = unique("SN");
        ObjectNode body = deviceBody(
                        unique("Kitchen.Thermo"), profile.get("name").asText())
                .put("friendlyName", "Kitchen")
                .put("period", 60)
                .put("status", "debug")
                .put("timezone", "Vancouver UTC-08:00")
                .put("annotateWithLoc", true);
        body.putArray("tags").add("house").add("kitchen");
        body.putObject("customIds").put("sn", sn).put("mac", unique("aa:bb"));
        body.set("location", Http.json("{'zone':'kitchen','geo':{'lat':49.5,'lon':-123.5,'alt':3}}"));
        device = Fixtures.device(admin, "/v3", body);
        deviceKey = Fixtures.apikey(admin, "/v3", id(device));

        gateway = Fixtures.device(
                admin, "/v3", deviceBody(unique("gw"), gatewayProfile.get("id").asText()));
        edge = Fixtures.device(
                admin, "/v3", deviceBody(unique("edge"), profile.get("id").asText()));
        deletedEdge = Fixtures.device(
                admin, "/v3", deviceBody(unique("edge"), profile.get("id").asText()));
        Fixtures.gatewayKey(admin, "/v3", id(gateway), id(edge), id(deletedEdge));
        body(admin.delete("/v3/devices/" + id(deletedEdge)));
        gatewayKey = Fixtures.apikey(admin, "/v3", id(gateway));

        unsetLocation = Fixtures.device(admin, "/v3", (ObjectNode)
                deviceBody(unique("moved"), profile.get("name").asText()).set("location", Http.json("{'zone':'x'}")));
        unsetLocation = body(admin.put("/v3/devices/" + id(unsetLocation), Http.json("{'location':null}")));

        JsonNode regenerated = Fixtures.device(
                admin, "/v3", deviceBody(unique("regen"), profile.get("id").asText()));
        regeneratedOld = Fixtures.apikey(admin, "/v3", id(regenerated));
        regeneratedNew = body(admin.post("/v3/devices/" + id(regenerated) + "/apikey", null));

        subAccount =
                body(admin.post("/v3/accounts", Http.JSON.createObjectNode().put("name", unique("sub"))));
        user = body(admin.post(
                "/v3/users",
                Http.JSON
                        .createObjectNode()
                        .put("email", unique("ops") + "@example.com")
                        .put("password", "correct horse battery staple")
                        .put("role", "power")));
        userKey = body(admin.get("/v3/users/" + id(user) + "/apikey"));
        JsonNode created = body(admin.post(
                "/v3/apiclients",
                Http.json("{'name':'" + unique("backend") + "','scope':['device:read','deviceprofile:read']}")));
        clientKey = created.get("apikey");
        client = body(admin.get("/v3/apiclients/" + id(created)));

        for (String path : List.of(
                "/v3/accounts/_this_",
                "/v3/accounts",
                "/v3/accounts/" + id(subAccount),
                "/v3/deviceprofiles",
                "/v3/deviceprofiles/" + id(profile),
                "/v3/deviceprofiles/" + id(gatewayProfile),
                "/v3/deviceprofiles/" + id(profile) + "/properties",
                "/v3/deviceprofiles/" + id(profile) + "/properties/temperature",
                "/v3/properties/" + id(property),
                "/v3/devices",
                "/v3/devices/" + id(device),
                "/v3/devices/" + id(gateway),
                "/v3/devices/" + id(unsetLocation),
                "/v3/devices/" + id(device) + "/apikey",
                "/v3/devices/" + id(gateway) + "/apikey",
                "/v3/devices/" + id(regenerated) + "/apikey",
                "/v3/users",
                "/v3/users/" + id(user),
                "/v3/users/" + id(user) + "/apikey",
                "/v3/apiclients",
                "/v3/apiclients/" + id(client),
                "/v3/apiclients/" + id(client) + "/apikey")) {
            before.put(path, body(admin.get(path)));
        }
        collectIds(before.values(), idsBefore);

        server.restart();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String id(JsonNode n) {
        return n.get("id").asText();
    }

    private static void collectIds(Iterable<JsonNode> nodes, List<String> out) {
        for (JsonNode n : nodes) {
            if (n.isObject() && n.hasNonNull("id") && n.get("id").isTextual()) {
                out.add(n.get("id").asText());
            }
            if (n.isContainerNode()) {
                collectIds(n, out);
            }
        }
    }

    @Test
    void everyEntity_readsBackWithIdenticalJsonAfterRestart() {
        Http admin = server.admin();
        for (var e : before.entrySet()) {
            assertThat(body(admin.get(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void unsetLocation_isStillNullAfterRestart_andTheDeviceStaysUpdatable() {
        Http admin = server.admin();
        String path = "/v3/devices/" + id(unsetLocation);

        assertThat(body(admin.get(path)).get("location").isNull()).isTrue();
        JsonNode u = body(admin.put(path, Http.json("{'friendlyName':'after restart'}")));
        assertThat(u.get("location").isNull()).isTrue();
        assertThat(u.get("friendlyName").asText()).isEqualTo("after restart");
    }

    @Test
    void adminKey_stillAuthenticates() {
        assertThat(body(server.admin().get("/v3/accounts/_this_")).get("name").asText())
                .isEqualTo("main");
    }

    @Test
    void deviceKey_stillAuthenticatesAsItsDevice() {
        JsonNode self = body(server.admin().as(deviceKey).get("/v3/devices/_this_"));

        assertThat(self).isEqualTo(before.get("/v3/devices/" + id(device)));
    }

    @Test
    void gatewayKey_stillReachesItsEdge_andTheDeletedEdgeStaysRemoved() {
        Http asGateway = server.admin().as(gatewayKey);

        assertThat(body(asGateway.get("/v3/devices/" + id(edge))).get("id").asText())
                .isEqualTo(id(edge));
        JsonNode key = body(server.admin().get("/v3/devices/" + id(gateway) + "/apikey"));
        List<String> ids = new ArrayList<>();
        key.get("context").get("ids").forEach(i -> ids.add(i.asText()));
        assertThat(ids).containsExactly(id(gateway), id(edge));
        ApiAssert.error(server.admin().get("/v3/devices/" + id(deletedEdge)), 404, "ResourceNotFound");
    }

    @Test
    void regeneratedKey_newCredentialsWork_oldOnesStay401() {
        body(server.admin().as(regeneratedNew).get("/v3/devices/_this_"));
        ApiAssert.error(server.admin().as(regeneratedOld).get("/v3/devices/_this_"), 401);
    }

    @Test
    void userKey_andApiClientKey_stillAuthenticate() {
        assertThat(body(server.admin().as(userKey).get("/v3/devices/" + id(device)))
                        .get("id")
                        .asText())
                .isEqualTo(id(device));
        assertThat(body(server.admin()
                                .as(clientKey)
                                .get("/v3/devices?name=" + device.get("name").asText()))
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void nameAndCustomIdIndexes_areRebuilt() {
        Http admin = server.admin();
        String name = device.get("name").asText();

        assertThat(id(body(admin.get("/v3/devices/" + name.toUpperCase())))).isEqualTo(id(device));
        assertThat(body(admin.get("/v3/devices?sn=" + sn))
                        .get("results")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(id(device));
        ApiAssert.error(
                admin.post(
                        "/v3/devices",
                        deviceBody(name.toLowerCase(), profile.get("name").asText())),
                409);
        ObjectNode reuse = deviceBody(unique("other"), profile.get("name").asText());
        reuse.putObject("customIds").put("sn", sn);
        ApiAssert.error(admin.post("/v3/devices", reuse), 409);
    }

    @Test
    void isAHierarchy_isIntactAfterRestart() {
        JsonNode page = body(server.admin().get("/v3/devices?is_a=Gateway"));

        List<String> ids = new ArrayList<>();
        page.get("results").forEach(d -> ids.add(d.get("id").asText()));
        assertThat(ids).containsExactly(id(gateway));
    }

    @Test
    void idsIssuedAfterRestart_areNewAndLaterThanEveryEarlierId() {
        Http admin = server.admin();
        List<String> fresh = new ArrayList<>();
        JsonNode p = Fixtures.profile(admin, "/v3", unique("After"), null);
        fresh.add(id(p));
        JsonNode d = Fixtures.device(admin, "/v3", deviceBody(unique("after"), id(p)));
        fresh.add(id(d));
        fresh.add(id(Fixtures.apikey(admin, "/v3", id(d))));
        fresh.add(id(
                body(admin.post("/v3/accounts", Http.JSON.createObjectNode().put("name", unique("sub"))))));

        BigInteger latestBefore = idsBefore.stream()
                .filter(i -> !i.startsWith("_key_1")
                        && !i.startsWith("_dpf_10000000000000000")
                        && !i.startsWith("_prp_10000000000000000"))
                .map(RestartIT::number)
                .max(BigInteger::compareTo)
                .orElseThrow();
        for (String i : fresh) {
            assertThat(idsBefore).doesNotContain(i);
            assertThat(number(i)).as(i).isGreaterThan(latestBefore);
        }
    }

    private static BigInteger number(String id) {
        return new BigInteger(id.substring(id.indexOf('_', 1) + 1));
    }
}
