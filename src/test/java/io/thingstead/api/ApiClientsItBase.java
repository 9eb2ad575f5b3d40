package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;

/** Shared helpers of the API client tests, on the account fixture (one server, its main account). */
abstract class ApiClientsItBase extends AccountsItBase {
    static String device(Http as) {
        return createDevice(as, "/v3", unique("dev")).get("id").asText();
    }

    static Map<String, Object> context(String type, List<String> ids) {
        return Map.of("type", type, "ids", ids);
    }

    static JsonNode createClient(Map<String, Object> context, List<String> scope) {
        return body(admin.post("/v3/apiclients", Map.of("name", unique("client"), "context", context, "scope", scope)));
    }
}
