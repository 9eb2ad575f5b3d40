package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Query strings: every route takes the parameters it declares and refuses any other one (with
 * the nearest known name), a repeated one, an empty filter, a bad number or flag.
 */
class QueryParamSecurityIT extends InputSecurityItBase {

    /** A GET with an unknown parameter, and the name it meant. */
    record Typo(String path, String param, String meant) {}

    @Test
    void anUnknownParameter_onEveryRoute_is400_namingItAndTheNearestKnownName() {
        String data = "/v3/data/devices/" + deviceId;
        List<Typo> typos = List.of(
                new Typo("/v3/devices?isa=Gateway", "isa", "isA"),
                new Typo("/v3/devices?is-a=Gateway", "is-a", "is_a"),
                new Typo("/v3/devices?tag=kitchen", "tag", "tags"),
                new Typo("/v3/devices?pageSise=5", "pageSise", "pageSize"),
                new Typo("/v3/users?emial=a@b.c", "emial", "email"),
                new Typo("/v3/apiclients?nme=x", "nme", "name"),
                new Typo("/v3/deviceprofiles?baseprofile=Device", "baseprofile", "baseProfile"),
                new Typo("/v3/deviceprofiles/" + profile + "/properties?pageNumber=1", "pageNumber", "pageNo"),
                new Typo("/v3/properties?ownerid=" + profile, "ownerid", "ownerId"),
                new Typo("/v3/accounts?stauts=open", "stauts", "status"),
                new Typo("/v3/sys/accounts?pagesise=5", "pagesise", "pageSize"),
                new Typo("/v3/devices/" + deviceId + "/logs?skp=1", "skp", "skip"),
                new Typo(data + "/properties/temperature?limt=1", "limt", "limit"),
                new Typo(data + "/properties/temperature?oder=desc", "oder", "order"),
                new Typo(data + "/state?prop=temperature", "prop", "properties"),
                new Typo("/v3/devices/" + deviceId + "?_methd=DELETE", "_methd", "_method"));
        for (Typo t : typos) {
            Http.Resp r = t.path().startsWith("/v3/sys") ? server.sysadmin().get(t.path()) : api.get(t.path());
            assertBad(
                    r,
                    "ValidationFailed",
                    "'" + t.param() + "' is not a known query parameter; did you mean '" + t.meant() + "'?");
        }
    }

    @Test
    void routesWithoutParameters_refuseAny_andNothingIsWritten() {
        assertBad(
                api.get("/v3/devices/" + deviceId + "?verbose=1"),
                "ValidationFailed",
                "'verbose' is not a known query parameter");
        assertBad(api.get("/v3/data/devices/" + deviceId + "?x=1"), "ValidationFailed", "'x'");
        String other = newDevice();
        assertBad(
                api.post("/v3/data/devices/" + other + "/properties/temperature?async=true", "{\"dps\":[{\"v\":1}]}"),
                "ValidationFailed",
                "'async'");
        assertBad(api.send("DELETE", "/v3/devices/" + other + "?hard=true", null), "ValidationFailed", "'hard'");

        assertThat(DataItSupport.flat(api, other).has("temperature")).isFalse();
        assertThat(api.get("/v3/devices/" + other).status()).isEqualTo(200);
    }

    @Test
    void health_takesNoParameter_evenWithoutCredentials() {
        assertBad(
                api.anonymous().get("/health?verbose=1"),
                "ValidationFailed",
                "'verbose' is not a known query parameter");
        assertServerHealthy();
    }

    @Test
    void propertiesOfADevice_withItsOwnKey_takePaging_andRefuseAMisspeltOwner() {
        JsonNode page = body(device.get("/v3/properties?ownerId=" + deviceId + "&pageSize=500"));
        assertThat(page.get("results")).extracting(p -> p.get("name").asText()).contains("temperature", "active");
        assertBad(
                device.get("/v3/properties?ownerid=" + deviceId),
                "ValidationFailed",
                "'ownerid' is not a known query parameter; did you mean 'ownerId'?");
    }

    @Test
    void connioFiltersThisServerDoesNotServe_sayNotSupported() {
        for (String q : List.of("prop=temperature,gt,5", "lat=1&lon=2&radius=3", "app=default", "zone=a")) {
            assertBad(api.get("/v3/devices?" + q), "ValidationFailed", "is not supported by this server");
        }
    }

    @Test
    void aRepeatedParameter_isRefused() {
        assertBad(api.get("/v3/devices?tags=a&tags=b"), "ValidationFailed", "'tags' is given more than once");
        assertBad(
                api.get("/v3/devices?pageSize=1&pageSize=1"), "ValidationFailed", "'pageSize' is given more than once");
        assertBad(
                api.get("/v3/devices?pageSize=1&PageSize=2"),
                "ValidationFailed",
                "'PageSize' is the same parameter as 'pageSize'");
        assertThat(body(api.get("/v3/devices?pageSize=1&PageSize=1"))
                        .get("itemCount")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void badIntegers_andNegativePaging_are400() {
        for (String q : List.of(
                "pageSize=abc",
                "pageSize=1.5",
                "pageSize=99999999999",
                "pageSize=0",
                "pageSize=1001",
                "pageSize=-1",
                "pageNo=0",
                "pageNo=-3",
                "skip=-1",
                "page=x",
                "Page=0")) {
            assertBad(api.get("/v3/devices?" + q), "ValidationFailed");
        }
        String history = "/v3/data/devices/" + deviceId + "/properties/temperature?";
        for (String q : List.of("limit=abc", "limit=0", "limit=1001", "limit=-1", "order=sideways", "source=device")) {
            assertBad(api.get(history + q), "ValidationFailed");
        }
        assertThat(body(api.get("/v3/devices?pageNo=2147483647&skip=2147483647"))
                        .get("itemCount")
                        .asInt())
                .isZero();
    }

    @Test
    void emptyFilterValues_areRefused_notReadAsEverything() {
        for (String q : List.of("name=", "tags=", "is_a=", "profile=", "status=", "mac=", "pageSize=")) {
            assertBad(api.get("/v3/devices?" + q), "ValidationFailed", "must not be empty");
        }
        assertBad(api.get("/v3/users?email="), "ValidationFailed", "'email' must not be empty");
    }

    @Test
    void flags_takeTrueOrFalse_andAnEmptyListMeansNone() {
        String state = "/v3/data/devices/" + deviceId + "/state";
        assertBad(api.get(state + "?meta=yes"), "ValidationFailed", "'meta' must be true or false");
        String sub = body(api.post("/v3/accounts", "{\"name\":\"" + unique("sub") + "\"}"))
                .get("id")
                .asText();
        assertBad(api.send("DELETE", "/v3/accounts/" + sub + "?hard=maybe", null), "ValidationFailed", "'hard'");
        assertThat(body(api.get("/v3/accounts/" + sub)).get("status").asText()).isEqualTo("open");

        assertThat(body(api.get(state + "?header=false&properties="))
                        .get("properties")
                        .size())
                .isZero();
        assertThat(body(api.get(state + "?header=0&meta&stats=1")).has("header"))
                .isFalse();
    }

    @Test
    void theConnioSpellings_areAccepted_andFilter() {
        String name = unique("fr");
        String id = body(api.post(
                        "/v3/devices",
                        "{\"name\":\"" + name + "\",\"friendlyName\":\"" + name + "\",\"profile\":\"" + profile
                                + "\"}"))
                .get("id")
                .asText();
        JsonNode byFriendly = body(api.get("/v3/devices?friendlyName=" + name + "&PageSize=5&Page=1&skip=0"));
        assertThat(byFriendly.get("results").get(0).get("id").asText()).isEqualTo(id);
        assertThat(body(api.get("/v3/devices?is_a=ConnectedDevice&profileId=" + profile + "&page=1"))
                        .get("total")
                        .asInt())
                .isPositive();
        assertThat(body(api.get("/v3/apiclients?FriendlyName=" + unique("none")))
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(body(api.get("/v3/properties?owner=" + profile + "&friendlyName=" + unique("none")))
                        .get("total")
                        .asInt())
                .isZero();
        assertThat(body(api.get("/v3/deviceprofiles?base=ConnectedDevice&name=" + profile))
                        .get("total")
                        .asInt())
                .isEqualTo(1);

        assertThat(api.post("/v3/devices/" + id + "?_method=DELETE", null).status())
                .isEqualTo(200);
        assertThat(api.get("/v3/devices/" + id).status()).isEqualTo(404);
    }
}
