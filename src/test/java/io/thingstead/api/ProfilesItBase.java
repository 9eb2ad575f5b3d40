package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.ok;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shared fixture of the device-profile integration tests. */
abstract class ProfilesItBase extends AdminServerIt {
    static final String DEVICE = "_dpf_100000000000000001";
    static final String CONNECTED_DEVICE = "_dpf_100000000000000002";
    static final String GATEWAY = "_dpf_100000000000000003";
    static final List<String> PROFILE_FIELDS = List.of(
            "id",
            "accountId",
            "name",
            "friendlyName",
            "baseProfileId",
            "description",
            "tags",
            "deviceClass",
            "productName",
            "vendorName",
            "imageUrl",
            "locked",
            "dateCreated",
            "dateModified");

    static JsonNode create(Http http, Map<String, Object> body) {
        return ok(http.post("/v3/deviceprofiles", body)).body();
    }

    static JsonNode create(String name, String base) {
        return base == null
                ? create(api, Map.of("name", name))
                : create(api, Map.of("name", name, "baseProfile", base));
    }

    static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("results").forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    static JsonNode byName(JsonNode page, String name) {
        for (JsonNode p : page.get("results")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    static void assertEveryProfileField(JsonNode p) {
        for (String f : PROFILE_FIELDS) {
            assertThat(p.has(f)).as("profile field " + f + " in " + p).isTrue();
        }
    }

    static String subAccount() {
        return ok(api.post("/v3/accounts", Map.of("name", unique("sub")))).text("id");
    }
}
