package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;

/** Shared fixture of the property integration tests: one server, unique names, helpers. */
abstract class PropertiesItBase extends AdminServerIt {
    static final String DEVICE = "_dpf_100000000000000001";
    static final String CONNECTED_DEVICE = "_dpf_100000000000000002";
    static final String ACTIVE_ID = "_prp_100000000000000001";
    static final List<String> PROPERTY_FIELDS = List.of(
            "id",
            "accountId",
            "ownerId",
            "name",
            "friendlyName",
            "qualifiedName",
            "inherited",
            "type",
            "access",
            "publish",
            "measurement",
            "boundaries",
            "retention",
            "description",
            "tags",
            "locked",
            "dateCreated",
            "dateModified");

    /** A new profile on {@code base} (Device when null); returns its name. */
    static String profile(String base) {
        return Fixtures.newProfile(api, "/v3", base);
    }

    static String profileId(String name) {
        return ok(api.get("/v3/deviceprofiles/" + name)).text("id");
    }

    static String path(String profile) {
        return "/v3/deviceprofiles/" + profile + "/properties";
    }

    static JsonNode add(String profile, String json) {
        return ok(api.post(path(profile), Http.json(json))).body();
    }

    static JsonNode list(String profile) {
        return ok(api.get(path(profile))).body();
    }

    static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("results").forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    static void assertEveryPropertyField(JsonNode p) {
        for (String f : PROPERTY_FIELDS) {
            assertThat(p.has(f)).as("property field " + f + " in " + p).isTrue();
        }
    }

    static void assertDefaultRetention(JsonNode retention) {
        assertThat(retention.get("type").asText()).isEqualTo("historical");
        assertThat(retention.get("lifetime").asText()).isEqualTo("3months");
        assertThat(retention.get("capacity").asLong()).isEqualTo(100000);
        assertThat(retention.get("condition").get("when").asText()).isEqualTo("always");
        assertThat(retention.get("condition").path("value").isMissingNode()
                        || retention.get("condition").get("value").isNull())
                .as(retention.toString())
                .isTrue();
    }
}
