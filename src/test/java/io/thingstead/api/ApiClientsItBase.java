package io.thingstead.api;

import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;

/** Shared helpers of the API client tests, on the account fixture (one server, its main account). */
abstract class ApiClientsItBase extends AccountsItBase {
    static String device(Http as) {
        return Fixtures.id(Fixtures.device(as, "/v3", "ConnectedDevice"));
    }

    static Map<String, Object> context(String type, List<String> ids) {
        return Map.of("type", type, "ids", ids);
    }
}
