package io.thingstead.api;

import static io.thingstead.api.DeviceItSupport.assertInvalid;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.subAccount;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v3/devices} filters and paging. Each test works in a sub-account of its own so that
 * the devices of other tests never show up in its lists.
 */
class DeviceFiltersIT {
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A sub-account with one profile of its own, addressed as {@code /v3/accounts/{id}}. */
    private record Tenant(String path, JsonNode profile) {
        static Tenant create() {
            String path = "/v3/accounts/" + subAccount(admin);
            return new Tenant(path, Fixtures.profile(admin, path, unique("Sensor"), null));
        }

        JsonNode add(ObjectNode body) {
            if (!body.has("profile")) {
                body.put("profile", profile.get("name").asText());
            }
            return Fixtures.device(admin, path, body);
        }

        JsonNode add(String name) {
            return add(Http.JSON.createObjectNode().put("name", name));
        }

        JsonNode page(String query) {
            return body(admin.get(path + "/devices" + query));
        }

        /** The names of the devices the query lists, all on one page. */
        List<String> names(String query) {
            JsonNode page = page(query);
            List<String> out = new ArrayList<>();
            page.get("results").forEach(d -> out.add(d.get("name").asText()));
            assertThat(page.get("total").asLong()).isEqualTo(out.size());
            return out;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static ObjectNode tagged(String name, String... tags) {
        ObjectNode n = Http.JSON.createObjectNode().put("name", name);
        var arr = n.putArray("tags");
        for (String t : tags) {
            arr.add(t);
        }
        return n;
    }

    // ---- name, friendlyName, custom ids ----------------------------------------------------------

    @Test
    void name_returnsTheOneDeviceOfThatNameInAnyCase() {
        Tenant t = Tenant.create();
        t.add("alpha");
        t.add("alphabet");

        assertThat(t.names("?name=alpha")).containsExactly("alpha");
        assertThat(t.names("?name=ALPHA")).containsExactly("alpha");
        assertThat(t.names("?name=nothing")).isEmpty();
    }

    @Test
    void name_overridesTheOtherFilters() {
        Tenant t = Tenant.create();
        t.add(tagged("solo", "x").put("status", "enabled"));

        assertThat(t.names("?name=solo&status=disabled&tags=y")).containsExactly("solo");
    }

    @Test
    void friendlyName_matchesTheExactFriendlyNameOnly() {
        Tenant t = Tenant.create();
        t.add(Http.JSON.createObjectNode().put("name", "a").put("friendlyName", "Kitchen sensor"));
        t.add(Http.JSON.createObjectNode().put("name", "b").put("friendlyName", "Kitchen sensor 2"));
        t.add("c");

        assertThat(t.names("?friendlyName=" + enc("Kitchen sensor"))).containsExactly("a");
        assertThat(t.names("?friendlyName=Kitchen")).isEmpty();
    }

    @Test
    void customIdShortcuts_snMacImeiEsn_findTheDeviceHoldingThatId() {
        Tenant t = Tenant.create();
        ObjectNode a = Http.JSON.createObjectNode().put("name", "a");
        a.putObject("customIds").put("sn", "SN-1").put("mac", "3c:15:d2:ec:ab:30");
        ObjectNode b = Http.JSON.createObjectNode().put("name", "b");
        b.putObject("customIds").put("imei", "356938035643809").put("esn", "SN-1-esn");
        t.add(a);
        t.add(b);
        t.add("c");

        assertThat(t.names("?sn=SN-1")).containsExactly("a");
        assertThat(t.names("?mac=" + enc("3c:15:d2:ec:ab:30"))).containsExactly("a");
        assertThat(t.names("?imei=356938035643809")).containsExactly("b");
        assertThat(t.names("?esn=SN-1-esn")).containsExactly("b");
        assertThat(t.names("?sn=sn-1")).as("custom ids are case-sensitive").isEmpty();
        assertThat(t.names("?mac=SN-1")).as("the type matters").isEmpty();
    }

    @Test
    void cidTypeAndCid_findTheDeviceHoldingThatId() {
        Tenant t = Tenant.create();
        ObjectNode a = Http.JSON.createObjectNode().put("name", "a");
        a.putObject("customIds").put("mac", "aa:bb:cc:dd:ee:ff");
        t.add(a);
        t.add("b");

        assertThat(t.names("?cidType=mac&cid=" + enc("aa:bb:cc:dd:ee:ff"))).containsExactly("a");
        assertThat(t.names("?cidType=sn&cid=" + enc("aa:bb:cc:dd:ee:ff"))).isEmpty();
    }

    @Test
    void cidWithoutAValidCidType_is400() {
        Tenant t = Tenant.create();

        assertInvalid(admin.get(t.path() + "/devices?cid=x"), "cidType");
        assertInvalid(admin.get(t.path() + "/devices?cidType=serial&cid=x"), "cidType");
    }

    // ---- tags ------------------------------------------------------------------------------

    private static Tenant tagTenant() {
        Tenant t = Tenant.create();
        t.add(tagged("d1", "house", "kitchen"));
        t.add(tagged("d2", "House", "bathroom"));
        t.add(tagged("d3", "house", "bedroom"));
        t.add(tagged("d4", "house", "kitchen", "mansion"));
        t.add(tagged("d5", "kitchen"));
        t.add("d6");
        return t;
    }

    @Test
    void tags_plainIsAndCaretIsOrMinusIsNot() {
        Tenant t = tagTenant();

        assertThat(t.names("?tags=" + enc("house,kitchen^,bathroom^,-mansion"))).containsExactly("d1", "d2");
        assertThat(t.names("?tags=" + enc("house, kitchen^, bathroom^, bedroom^, -mansion")))
                .containsExactly("d1", "d2", "d3");
    }

    @Test
    void tags_plainTagsAreAllRequired() {
        Tenant t = tagTenant();

        assertThat(t.names("?tags=house")).containsExactly("d1", "d2", "d3", "d4");
        assertThat(t.names("?tags=" + enc("house,kitchen"))).containsExactly("d1", "d4");
        assertThat(t.names("?tags=" + enc("house,kitchen,bathroom"))).isEmpty();
    }

    @Test
    void tags_caretTagsNeedAtLeastOne() {
        Tenant t = tagTenant();

        assertThat(t.names("?tags=" + enc("bathroom^,bedroom^"))).containsExactly("d2", "d3");
    }

    @Test
    void tags_minusExcludes() {
        Tenant t = tagTenant();

        assertThat(t.names("?tags=" + enc("-house"))).containsExactly("d5", "d6");
        assertThat(t.names("?tags=" + enc("-mansion,-kitchen"))).containsExactly("d2", "d3", "d6");
    }

    @Test
    void tags_matchCaseInsensitively() {
        Tenant t = tagTenant();

        assertThat(t.names("?tags=" + enc("HOUSE,Bathroom^"))).containsExactly("d2");
    }

    // ---- profile and is_a --------------------------------------------------------------------

    /** Devices of: own profile (IS-A Device), builtin ConnectedDevice, builtin Gateway, G (IS-A Gateway), G2 (IS-A G). */
    private record Family(Tenant t, JsonNode g, JsonNode g2) {
        static Family create() {
            Tenant t = Tenant.create();
            JsonNode g = Fixtures.profile(admin, t.path(), unique("HomeGateway"), "Gateway");
            JsonNode g2 = Fixtures.profile(
                    admin, t.path(), unique("ZigbeeGateway"), g.get("name").asText());
            t.add("plain");
            t.add(Http.JSON.createObjectNode().put("name", "connected").put("profile", "ConnectedDevice"));
            t.add(Http.JSON.createObjectNode().put("name", "builtin-gw").put("profile", "Gateway"));
            t.add(Http.JSON
                    .createObjectNode()
                    .put("name", "home-gw")
                    .put("profile", g.get("id").asText()));
            t.add(Http.JSON
                    .createObjectNode()
                    .put("name", "zigbee-gw")
                    .put("profile", g2.get("name").asText()));
            return new Family(t, g, g2);
        }
    }

    @Test
    void profile_matchesDevicesOfExactlyThatProfile_byNameOrId() {
        Family f = Family.create();

        assertThat(f.t().names("?profile=" + f.g().get("name").asText())).containsExactly("home-gw");
        assertThat(f.t().names("?profile=" + f.g().get("name").asText().toUpperCase()))
                .containsExactly("home-gw");
        assertThat(f.t().names("?profile=" + f.g().get("id").asText())).containsExactly("home-gw");
        assertThat(f.t().names("?profile=Gateway")).containsExactly("builtin-gw");
        assertThat(f.t().names("?profile=" + f.t().profile().get("id").asText()))
                .containsExactly("plain");
    }

    @Test
    void profile_unknown_matchesNothing() {
        Family f = Family.create();

        assertThat(f.t().names("?profile=no-such-profile")).isEmpty();
    }

    @Test
    void isA_connectedDevice_includesDevicesOfGatewayDerivedProfiles() {
        Family f = Family.create();

        assertThat(f.t().names("?is_a=ConnectedDevice"))
                .containsExactlyInAnyOrder("connected", "builtin-gw", "home-gw", "zigbee-gw");
    }

    @Test
    void isA_gateway_returnsEveryGatewayDerivedDevice() {
        Family f = Family.create();

        assertThat(f.t().names("?is_a=Gateway")).containsExactlyInAnyOrder("builtin-gw", "home-gw", "zigbee-gw");
        assertThat(f.t().names("?is_a=gateway")).containsExactlyInAnyOrder("builtin-gw", "home-gw", "zigbee-gw");
    }

    @Test
    void isA_ownProfile_byNameOrId_includesItsDescendants() {
        Family f = Family.create();

        assertThat(f.t().names("?is_a=" + f.g().get("name").asText()))
                .containsExactlyInAnyOrder("home-gw", "zigbee-gw");
        assertThat(f.t().names("?is_a=" + f.g().get("id").asText())).containsExactlyInAnyOrder("home-gw", "zigbee-gw");
        assertThat(f.t().names("?is_a=" + f.g2().get("id").asText())).containsExactly("zigbee-gw");
        assertThat(f.t().names("?is_a=Device")).hasSize(5);
    }

    @Test
    void isA_combinesWithTheOtherFilters() {
        Family f = Family.create();
        f.t().add(tagged("tagged-gw", "roof").put("profile", f.g2().get("id").asText()));
        f.t().add(tagged("tagged-plain", "roof"));

        assertThat(f.t().names("?is_a=Gateway&tags=roof")).containsExactly("tagged-gw");
    }

    // ---- status ------------------------------------------------------------------------------

    @Test
    void status_returnsTheDevicesInThatStatus() {
        Tenant t = Tenant.create();
        t.add("on");
        t.add(Http.JSON.createObjectNode().put("name", "off").put("status", "disabled"));
        t.add(Http.JSON.createObjectNode().put("name", "dbg").put("status", "debug"));

        assertThat(t.names("?status=enabled")).containsExactly("on");
        assertThat(t.names("?status=disabled")).containsExactly("off");
        assertThat(t.names("?status=DEBUG")).containsExactly("dbg");
    }

    @Test
    void status_invalid_is400() {
        Tenant t = Tenant.create();

        assertInvalid(admin.get(t.path() + "/devices?status=sleeping"), "status");
    }

    // ---- paging ------------------------------------------------------------------------------

    @Test
    void paging_hasExactlyTheConnioKeysAndSlicesTheList() {
        Tenant t = Tenant.create();
        for (int i = 0; i < 5; i++) {
            t.add("p" + i);
        }

        JsonNode first = t.page("?pageSize=2");

        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyInAnyOrder("total", "itemCount", "numOfPages", "pageNo", "skip", "results");
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("itemCount").asInt()).isEqualTo(2);
        assertThat(first.get("numOfPages").asLong()).isEqualTo(3);
        assertThat(first.get("pageNo").asInt()).isEqualTo(1);
        assertThat(first.get("skip").asInt()).isZero();
        assertThat(first.get("results")).hasSize(2);

        List<String> seen = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            JsonNode page = t.page("?pageSize=2&pageNo=" + p);
            assertThat(page.get("pageNo").asInt()).isEqualTo(p);
            page.get("results").forEach(d -> seen.add(d.get("name").asText()));
        }
        assertThat(seen).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");
        assertThat(t.page("?pageSize=2&pageNo=3").get("itemCount").asInt()).isEqualTo(1);
        assertThat(t.page("?pageSize=2&pageNo=4").get("results")).isEmpty();
    }

    @Test
    void paging_defaultsToOnePageOf200() {
        Tenant t = Tenant.create();
        t.add("only");

        JsonNode page = t.page("");

        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("numOfPages").asLong()).isEqualTo(1);
        assertThat(page.get("pageNo").asInt()).isEqualTo(1);
        assertThat(page.get("results")).hasSize(1);
    }

    @Test
    void paging_skipAndParameterAliases() {
        Tenant t = Tenant.create();
        for (int i = 0; i < 4; i++) {
            t.add("s" + i);
        }
        List<String> all = t.names("");

        JsonNode skipped = t.page("?skip=1&pageSize=2");
        JsonNode aliased = t.page("?PageSize=3&page=2");

        assertThat(skipped.get("skip").asInt()).isEqualTo(1);
        assertThat(skipped.get("results").get(0).get("name").asText()).isEqualTo(all.get(1));
        assertThat(aliased.get("pageNo").asInt()).isEqualTo(2);
        assertThat(aliased.get("results")).hasSize(1);
        assertThat(aliased.get("results").get(0).get("name").asText()).isEqualTo(all.get(3));
    }

    @Test
    void paging_invalidParameters_are400() {
        Tenant t = Tenant.create();

        assertInvalid(admin.get(t.path() + "/devices?pageSize=0"), "pageSize");
        assertInvalid(admin.get(t.path() + "/devices?pageSize=1001"), "pageSize");
        assertInvalid(admin.get(t.path() + "/devices?pageNo=0"), "pageNo");
        assertInvalid(admin.get(t.path() + "/devices?skip=-1"), "skip");
        assertInvalid(admin.get(t.path() + "/devices?pageSize=ten"), "pageSize");
    }

    @Test
    void list_ofAnotherAccount_isNotReachableThroughItsSubAccountPathByADeviceKey() {
        Tenant t = Tenant.create();
        JsonNode d = t.add("keyed");
        JsonNode key = body(admin.get(t.path() + "/devices/" + d.get("id").asText() + "/apikey"));

        ApiAssert.error(admin.as(key).get("/v3/devices"), 401);
        ApiAssert.error(admin.as(key).get(t.path() + "/devices"), 401);
    }
}
