package io.thingstead.api;

import static io.thingstead.api.DeviceItSupport.assertInvalid;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.deviceBody;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.subAccount;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gateway keys (docs/connio.md: Gateways): a gateway's key lists its edge devices after its own id, what that key and the edge keys
 * reach, which contexts are refused, and how deleting, regenerating and dropping keep the list right.
 */
class GatewayKeysIT extends DeviceKeysItBase {
    /** A profile created with {@code baseProfile: 'Gateway'}, as in Connio's guide. */
    static JsonNode gatewayProfile;

    @BeforeAll
    static void createGatewayProfile() {
        gatewayProfile = Fixtures.profile(admin, "/v3", unique("HomeHub"), "Gateway");
    }

    private static ObjectNode context(String type, String... ids) {
        ObjectNode body = Http.JSON.createObjectNode();
        ObjectNode ctx = body.putObject("context").put("type", type);
        var arr = ctx.putArray("ids");
        for (String i : ids) {
            arr.add(i);
        }
        return body;
    }

    private static List<String> ids(JsonNode key) {
        List<String> out = new ArrayList<>();
        key.get("context").get("ids").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A gateway (profile IS-A Gateway) with two edge devices of a plain profile, not associated yet. */
    private record GatewaySystem(JsonNode gw, JsonNode e1, JsonNode e2) {
        static GatewaySystem create() {
            return new GatewaySystem(newDevice(gatewayProfile), newDevice(connected), newDevice(connected));
        }

        JsonNode associate() {
            return body(admin.put("/v3/devices/" + id(gw) + "/apikey", context("device", id(gw), id(e1), id(e2))));
        }
    }

    @Test
    void gateway_associatesEdgeDevices_andTheKeyListsThemGatewayFirst() {
        GatewaySystem s = GatewaySystem.create();

        JsonNode updated = s.associate();

        assertThat(updated.get("context").get("type").asText()).isEqualTo("device");
        assertThat(ids(updated)).containsExactly(id(s.gw()), id(s.e1()), id(s.e2()));
        assertThat(ids(keyOf(s.gw()))).containsExactly(id(s.gw()), id(s.e1()), id(s.e2()));
        assertThat(updated.get("id"))
                .as("credentials unchanged")
                .isEqualTo(keyOf(s.gw()).get("id"));
    }

    @Test
    void gatewayKey_readsItsEdgeDevices_butNotOthers() {
        GatewaySystem s = GatewaySystem.create();
        JsonNode stranger = newDevice(connected);
        JsonNode key = s.associate();
        Http asGateway = admin.as(key);

        assertThat(body(asGateway.get("/v3/devices/" + id(s.e1())))).isEqualTo(s.e1());
        assertThat(body(asGateway.get("/v3/devices/" + id(s.e2())))).isEqualTo(s.e2());
        assertThat(body(asGateway.get("/v3/devices/_this_")).get("id").asText()).isEqualTo(id(s.gw()));
        ApiAssert.error(asGateway.get("/v3/devices/" + id(stranger)), 404, "ResourceNotFound");
        ApiAssert.error(asGateway.get("/v3/devices"), 401);
    }

    @Test
    void gateway_ofTheBuiltinGatewayProfile_mayAssociateToo() {
        JsonNode gw = Fixtures.device(admin, "/v3", deviceBody(unique("gw"), "Gateway"));
        JsonNode edge = newDevice(connected);

        JsonNode key = body(admin.put("/v3/devices/" + id(gw) + "/apikey", context("device", id(gw), id(edge))));

        assertThat(ids(key)).containsExactly(id(gw), id(edge));
    }

    @Test
    void gateway_ofAProfileTwoLevelsBelowGateway_mayAssociate() {
        JsonNode deep = Fixtures.profile(admin, "/v3", unique("DeepHub"), id(gatewayProfile));
        JsonNode gw = newDevice(deep);
        JsonNode edge = newDevice(connected);

        body(admin.put("/v3/devices/" + id(gw) + "/apikey", context("device", id(gw), id(edge))));
    }

    @Test
    void edgeDeviceKey_stillWorksForItself_andCannotReachTheGateway() {
        GatewaySystem s = GatewaySystem.create();
        s.associate();
        Http asEdge = admin.as(keyOf(s.e1()));

        assertThat(body(asEdge.get("/v3/devices/_this_")).get("id").asText()).isEqualTo(id(s.e1()));
        ApiAssert.error(asEdge.get("/v3/devices/" + id(s.gw())), 404, "ResourceNotFound");
        ApiAssert.error(asEdge.get("/v3/devices/" + id(s.e2())), 404, "ResourceNotFound");
    }

    @Test
    void nonGateway_listingOtherDevices_is400NotAGateway() {
        JsonNode plain = newDevice(connected);
        JsonNode edge = newDevice(connected);

        Http.Resp r = admin.put("/v3/devices/" + id(plain) + "/apikey", context("device", id(plain), id(edge)));

        ApiAssert.error(r, 400, "NotAGateway");
        assertThat(ids(keyOf(plain))).containsExactly(id(plain));
    }

    @Test
    void nonGateway_mayKeepItsOwnIdAlone() {
        JsonNode plain = newDevice(connected);

        JsonNode key = body(admin.put("/v3/devices/" + id(plain) + "/apikey", context("device", id(plain))));

        assertThat(ids(key)).containsExactly(id(plain));
    }

    @Test
    void contextWhoseFirstIdIsNotTheDeviceItself_is400GatewayMustBeFirst() {
        GatewaySystem s = GatewaySystem.create();

        ApiAssert.error(
                admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("device", id(s.e1()), id(s.gw()))),
                400,
                "GatewayMustBeFirst");
        ApiAssert.error(
                admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("device", id(s.e1()))),
                400,
                "GatewayMustBeFirst");
        assertThat(ids(keyOf(s.gw()))).containsExactly(id(s.gw()));
    }

    @Test
    void contextWithoutIds_is400() {
        GatewaySystem s = GatewaySystem.create();

        ApiAssert.error(admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("device")), 400);
        ApiAssert.error(
                admin.put("/v3/devices/" + id(s.gw()) + "/apikey", Http.json("{'context':{'type':'device'}}")), 400);
    }

    @Test
    void contextWithAnUnknownId_is400AndChangesNothing() {
        GatewaySystem s = GatewaySystem.create();

        Http.Resp r = admin.put(
                "/v3/devices/" + id(s.gw()) + "/apikey",
                context("device", id(s.gw()), id(s.e1()), "_dev_999999999999999999"));

        assertInvalid(r, "context.ids[2]");
        assertThat(ids(keyOf(s.gw()))).containsExactly(id(s.gw()));
    }

    @Test
    void contextWithADeviceOfAnotherAccount_is400() {
        GatewaySystem s = GatewaySystem.create();
        String sub = subAccount(admin);
        JsonNode subProfile = Fixtures.profile(admin, "/v3/accounts/" + sub, unique("P"), null);
        JsonNode foreign = Fixtures.device(admin, "/v3/accounts/" + sub, deviceBody(unique("dev"), id(subProfile)));

        Http.Resp r = admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("device", id(s.gw()), id(foreign)));

        assertInvalid(r, "context.ids[1]");
        assertThat(ids(keyOf(s.gw()))).containsExactly(id(s.gw()));
    }

    @Test
    void contextWithANonDeviceId_is400() {
        GatewaySystem s = GatewaySystem.create();

        ApiAssert.error(
                admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("device", id(s.gw()), accountId)), 400);
        ApiAssert.error(
                admin.put(
                        "/v3/devices/" + id(s.gw()) + "/apikey",
                        context("device", id(s.gw()), s.e1().get("name").asText())),
                400);
    }

    @Test
    void contextRepeatingAnId_is400() {
        GatewaySystem s = GatewaySystem.create();

        ApiAssert.error(
                admin.put(
                        "/v3/devices/" + id(s.gw()) + "/apikey", context("device", id(s.gw()), id(s.e1()), id(s.e1()))),
                400);
    }

    @Test
    void contextOfTypeAccountOrApp_is400() {
        GatewaySystem s = GatewaySystem.create();

        ApiAssert.error(admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("account", accountId)), 400);
        ApiAssert.error(admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("account", id(s.gw()))), 400);
        ApiAssert.error(admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("app", id(s.gw()))), 400);
        ApiAssert.error(admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("galaxy", id(s.gw()))), 400);
        JsonNode key = keyOf(s.gw());
        assertThat(key.get("context").get("type").asText()).isEqualTo("device");
        assertThat(ids(key)).containsExactly(id(s.gw()));
    }

    @Test
    void deletingAnEdgeDevice_removesItFromTheGatewayKey() {
        GatewaySystem s = GatewaySystem.create();
        JsonNode key = s.associate();

        body(admin.delete("/v3/devices/" + id(s.e1())));

        assertThat(ids(keyOf(s.gw()))).containsExactly(id(s.gw()), id(s.e2()));
        ApiAssert.error(admin.as(key).get("/v3/devices/" + id(s.e1())), 404, "ResourceNotFound");
        body(admin.as(key).get("/v3/devices/" + id(s.e2())));
    }

    @Test
    void regeneratingTheGatewayKey_keepsItsEdgeDevices() {
        GatewaySystem s = GatewaySystem.create();
        s.associate();

        JsonNode fresh = body(admin.post("/v3/devices/" + id(s.gw()) + "/apikey", null));

        assertThat(ids(fresh)).containsExactly(id(s.gw()), id(s.e1()), id(s.e2()));
        body(admin.as(fresh).get("/v3/devices/" + id(s.e1())));
    }

    @Test
    void gatewayKey_cannotPutItsOwnContext_403() {
        GatewaySystem s = GatewaySystem.create();
        Http asGateway = admin.as(keyOf(s.gw()));

        ApiAssert.error(
                asGateway.put("/v3/devices/_this_/apikey", context("device", id(s.gw()), id(s.e1()))),
                403,
                "Forbidden");
        ApiAssert.error(
                asGateway.put("/v3/devices/" + id(s.gw()) + "/apikey", context("device", id(s.gw()))),
                403,
                "Forbidden");

        assertThat(ids(keyOf(s.gw()))).containsExactly(id(s.gw()));
        ApiAssert.error(asGateway.get("/v3/devices/" + id(s.e1())), 404, "ResourceNotFound");
    }

    @Test
    void gateway_mayDropEdgeDevicesAgain() {
        GatewaySystem s = GatewaySystem.create();
        JsonNode key = s.associate();

        JsonNode reduced = body(admin.put("/v3/devices/" + id(s.gw()) + "/apikey", context("device", id(s.gw()))));

        assertThat(ids(reduced)).containsExactly(id(s.gw()));
        ApiAssert.error(admin.as(key).get("/v3/devices/" + id(s.e1())), 404, "ResourceNotFound");
    }

    @Test
    void nonGatewayDeviceKey_cannotWidenItsOwnContext() {
        JsonNode plain = newDevice(connected);
        JsonNode other = newDevice(connected);

        Http.Resp r = admin.as(keyOf(plain)).put("/v3/devices/_this_/apikey", context("device", id(plain), id(other)));

        ApiAssert.error(r, 403, "Forbidden");
        ApiAssert.error(admin.as(keyOf(plain)).get("/v3/devices/" + id(other)), 404);
    }

    @Test
    void putApikey_ofAnotherAccountsDevice_is404() {
        String sub = subAccount(admin);
        JsonNode subGw = Fixtures.device(admin, "/v3/accounts/" + sub, deviceBody(unique("gw"), "Gateway"));

        ApiAssert.error(
                admin.put("/v3/devices/" + id(subGw) + "/apikey", context("device", id(subGw))),
                404,
                "ResourceNotFound");
    }
}
