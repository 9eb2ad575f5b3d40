package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.ApiAssert.page;
import static io.thingstead.testing.Fixtures.unique;
import static io.thingstead.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** API client key contexts: which scopes a context allows, and what a device or account context reaches. */
class ApiClientContextsIT extends ApiClientsItBase {
    @Test
    void createApiClient_scopeNotAllowedInItsContext_is400() {
        String dev = device(admin);
        String msg = errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("ctxscope"),
                                "context",
                                context("device", List.of(dev)),
                                "scope",
                                List.of("device:read", "device:create"))),
                400,
                "ValidationFailed");
        assertThat(msg).contains("scope[1]").contains("device:create");
        // and a data-write scope is not for account keys
        errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("ctxscope"),
                                "context",
                                context("account", List.of()),
                                "scope",
                                List.of("device:write-data"))),
                400,
                "ValidationFailed");
    }

    @Test
    void createApiClient_unknownContextType_is400() {
        String msg = errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of("name", unique("ctxtype"), "context", context("planet", List.of()), "scope", List.of())),
                400,
                "ValidationFailed");
        assertThat(msg).contains("context.type");
    }

    @Test
    void deviceContextKey_readsItsDeviceButAnotherDeviceIsNotFound() {
        String mine = device(admin);
        String other = device(admin);
        JsonNode c = Fixtures.apiClient(admin, "/v3", context("device", List.of(mine)), List.of("device:read"));
        Http key = admin.as(c.get("apikey"));

        assertThat(body(key.get("/v3/devices/" + mine)).get("id").asText()).isEqualTo(mine);
        assertThat(body(key.get("/v3/devices/_this_")).get("id").asText()).isEqualTo(mine);
        errorMessage(key.get("/v3/devices/" + other), 404, "ResourceNotFound");
        errorMessage(key.get("/v3/devices/_dev_123456789012345678"), 404, "ResourceNotFound");
    }

    @Test
    void deviceContext_withoutIds_is400() {
        String msg = errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("noids"),
                                "context",
                                context("device", List.of()),
                                "scope",
                                List.of("device:read"))),
                400,
                "ValidationFailed");
        assertThat(msg).contains("context.ids");
    }

    @Test
    void deviceContext_withAnotherAccountsDevice_is400() {
        JsonNode master = body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("Stranger"), "user", Map.of("email", uniqueEmail("stranger")))));
        String foreign = device(admin.as(master.get("apikey")));
        String mine = device(admin);

        String msg = errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("foreign"),
                                "context",
                                context("device", List.of(mine, foreign)),
                                "scope",
                                List.of("device:read"))),
                400,
                "ValidationFailed");
        assertThat(msg).contains("context.ids[1]");
        errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("ghost"),
                                "context",
                                context("device", List.of("_dev_123456789012345678")),
                                "scope",
                                List.of("device:read"))),
                400,
                "ValidationFailed");
    }

    @Test
    void accountContext_withASubAccount_reachesIt_butNotAnUnrelatedAccount() {
        String sub = body(admin.post("/v3/accounts", Map.of("name", unique("Sub"))))
                .get("id")
                .asText();
        JsonNode c = Fixtures.apiClient(admin, "/v3", context("account", List.of(mainId, sub)), List.of("device:read"));
        Http key = admin.as(c.get("apikey"));
        page(key.get("/v3/accounts/" + sub + "/devices"));

        JsonNode master = body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("Unrelated"), "user", Map.of("email", uniqueEmail("unrel")))));
        String msg = errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                unique("unrelated"),
                                "context",
                                context("account", List.of(master.get("id").asText())),
                                "scope",
                                List.of("device:read"))),
                400,
                "ValidationFailed");
        assertThat(msg).contains("context.ids[0]");
    }
}
