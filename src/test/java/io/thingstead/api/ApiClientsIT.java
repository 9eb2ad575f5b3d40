package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.deletedOne;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.ApiAssert.field;
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

/** API clients: creation, scopes, listing, keys, deletion. */
class ApiClientsIT extends ApiClientsItBase {
    @Test
    void aKeyCannotGrantAccountScopesItDoesNotHold() {
        Http power = admin.as(Fixtures.userKey(admin, "/v3", "power"));

        String msg = errorMessage(
                power.post(
                        "/v3/apiclients",
                        Map.of("name", unique("escalate"), "scope", List.of("device:read", "user:create"))),
                401,
                "MissingScope");
        assertThat(msg).contains("user:create");
        JsonNode c =
                body(power.post("/v3/apiclients", Map.of("name", unique("fine"), "scope", List.of("device:read"))));
        errorMessage(
                power.put(
                        "/v3/apiclients/" + c.get("id").asText() + "/apikey",
                        Map.of("scope", List.of("subaccount:delete"))),
                401,
                "MissingScope");
        assertThat(body(admin.get("/v3/apiclients/" + c.get("id").asText() + "/apikey"))
                        .get("scope")
                        .toString())
                .doesNotContain("subaccount:delete");
    }

    @Test
    void createApiClient_returnsTheClientWithItsKey() {
        String name = unique("client");
        JsonNode c = body(admin.post(
                "/v3/apiclients",
                Map.of(
                        "name",
                        name,
                        "friendlyName",
                        "Backend",
                        "description",
                        "d",
                        "tags",
                        List.of("t"),
                        "context",
                        context("account", List.of()),
                        "scope",
                        List.of("device:read", "device:read-data"))));
        assertThat(c.get("id").asText()).matches("_api_\\d{18,19}");
        assertThat(c.get("name").asText()).isEqualTo(name);
        assertThat(c.get("accountId").asText()).isEqualTo(mainId);
        assertThat(c.get("friendlyName").asText()).isEqualTo("Backend");
        JsonNode key = c.get("apikey");
        assertThat(key.get("id").asText()).startsWith("_key_");
        assertThat(key.get("secret").asText()).matches("[0-9a-f]{32}");
        assertThat(key.get("ownerId").asText()).isEqualTo(c.get("id").asText());
        assertThat(key.get("context").get("type").asText()).isEqualTo("account");
        assertThat(field(key.get("context").get("ids"), "x")).hasSize(1);
        assertThat(key.get("context").get("ids").get(0).asText()).isEqualTo(mainId);
        assertThat(key.get("scope").toString()).isEqualTo("[\"device:read\",\"device:read-data\"]");
        assertThat(key.has("rateLimit")).isTrue();
        body(admin.as(key).get("/v3/devices"));
    }

    @Test
    void createApiClient_acceptsTheExecuteMethodAlias() {
        JsonNode c = Fixtures.apiClient(admin, "/v3", context("account", List.of()), List.of("device:execute-method"));
        assertThat(c.get("apikey").get("scope").toString()).isEqualTo("[\"device:execute\"]");
    }

    @Test
    void createApiClient_unknownScope_is400NamingTheScopeIndex() {
        String name = unique("badscope");
        String msg = errorMessage(
                admin.post(
                        "/v3/apiclients",
                        Map.of(
                                "name",
                                name,
                                "context",
                                context("account", List.of()),
                                "scope",
                                List.of("device:read", "device:fly"))),
                400,
                "ValidationFailed");
        assertThat(msg).contains("scope[1]").contains("device:fly");
        errorMessage(admin.get("/v3/apiclients/" + name), 404, "ResourceNotFound");
    }

    @Test
    void createApiClient_nameTaken_is409() {
        String name = unique("taken");
        body(admin.post("/v3/apiclients", Map.of("name", name)));
        errorMessage(admin.post("/v3/apiclients", Map.of("name", name.toUpperCase())), 409, "NameAlreadyTaken");
    }

    @Test
    void listGetAndUpdateApiClients() {
        JsonNode c = Fixtures.apiClient(admin, "/v3", context("account", List.of()), List.of("device:read"));
        String id = c.get("id").asText();
        String name = c.get("name").asText();

        JsonNode list = page(admin.get("/v3/apiclients?pageSize=1000"));
        assertThat(field(list.get("results"), "id")).contains(id);
        assertThat(list.get("results").get(0).has("secret")).isFalse();
        assertThat(field(page(admin.get("/v3/apiclients?name=" + name)).get("results"), "id"))
                .containsExactly(id);

        assertThat(body(admin.get("/v3/apiclients/" + id)).get("name").asText()).isEqualTo(name);
        assertThat(body(admin.get("/v3/apiclients/" + name.toUpperCase()))
                        .get("id")
                        .asText())
                .isEqualTo(id);

        JsonNode updated =
                body(admin.put("/v3/apiclients/" + id, Map.of("friendlyName", "Renamed", "description", "x")));
        assertThat(updated.get("friendlyName").asText()).isEqualTo("Renamed");
        assertThat(body(admin.get("/v3/apiclients/" + id)).get("description").asText())
                .isEqualTo("x");
        errorMessage(admin.get("/v3/apiclients/_api_123456789012345678"), 404, "ResourceNotFound");
    }

    @Test
    void apiClientKey_getRegenerateAndUpdate() {
        String dev = device(admin);
        JsonNode c = Fixtures.apiClient(admin, "/v3", context("account", List.of()), List.of("device:read"));
        String id = c.get("id").asText();
        JsonNode key = body(admin.get("/v3/apiclients/" + id + "/apikey"));
        assertThat(key.get("id").asText()).isEqualTo(c.get("apikey").get("id").asText());
        assertThat(key.get("secret").asText())
                .isEqualTo(c.get("apikey").get("secret").asText());
        assertThat(key.get("ownerId").asText()).isEqualTo(id);
        Http old = admin.as(key);
        body(old.get("/v3/devices"));

        JsonNode fresh = body(admin.post("/v3/apiclients/" + id + "/apikey", null));
        assertThat(fresh.get("id").asText()).isNotEqualTo(key.get("id").asText());
        assertThat(fresh.get("secret").asText()).isNotEqualTo(key.get("secret").asText());
        assertThat(fresh.get("scope")).isEqualTo(key.get("scope"));
        errorMessage(old.get("/v3/devices"), 401, "Unauthorized");
        Http current = admin.as(fresh);
        body(current.get("/v3/devices"));

        JsonNode updated = body(admin.put(
                "/v3/apiclients/" + id + "/apikey",
                Map.of("context", context("device", List.of(dev)), "scope", List.of("device:read", "device:modify"))));
        assertThat(updated.get("id").asText()).isEqualTo(fresh.get("id").asText());
        assertThat(updated.get("context").get("type").asText()).isEqualTo("device");
        assertThat(updated.get("context").get("ids").get(0).asText()).isEqualTo(dev);
        assertThat(updated.get("scope").toString()).isEqualTo("[\"device:read\",\"device:modify\"]");
        assertThat(body(admin.get("/v3/apiclients/" + id + "/apikey")).get("context"))
                .isEqualTo(updated.get("context"));

        body(current.get("/v3/devices/" + dev));
        body(current.put("/v3/devices/" + dev, Map.of("friendlyName", "changed by client")));
        // a device-context key cannot list the account's devices
        errorMessage(current.get("/v3/devices"), 401, null);

        // scope only: context kept
        JsonNode scoped = body(admin.put("/v3/apiclients/" + id + "/apikey", Map.of("scope", List.of("device:read"))));
        assertThat(scoped.get("context")).isEqualTo(updated.get("context"));
        assertThat(scoped.get("scope").toString()).isEqualTo("[\"device:read\"]");
        errorMessage(current.put("/v3/devices/" + dev, Map.of("friendlyName", "again")), 401, "MissingScope");

        // invalid updates are refused and change nothing
        errorMessage(
                admin.put("/v3/apiclients/" + id + "/apikey", Map.of("scope", List.of("device:create"))),
                400,
                "ValidationFailed");
        errorMessage(
                admin.put(
                        "/v3/apiclients/" + id + "/apikey",
                        Map.of("context", context("device", List.of("_dev_123456789012345678")))),
                400,
                "ValidationFailed");
        assertThat(body(admin.get("/v3/apiclients/" + id + "/apikey"))
                        .get("scope")
                        .toString())
                .isEqualTo("[\"device:read\"]");
    }

    @Test
    void readOnlyClientKey_listsDevicesButCannotCreateProfiles() {
        device(admin);
        JsonNode c = Fixtures.apiClient(admin, "/v3", context("account", List.of()), List.of("device:read"));
        Http key = admin.as(c.get("apikey"));
        assertThat(page(key.get("/v3/devices")).get("total").asInt()).isGreaterThan(0);
        String name = unique("prof");
        String msg = errorMessage(key.post("/v3/deviceprofiles", Map.of("name", name)), 401, "MissingScope");
        assertThat(msg).contains("deviceprofile:create");
        errorMessage(admin.get("/v3/deviceprofiles/" + name), 404, "ResourceNotFound");
        errorMessage(key.get("/v3/users"), 401, "MissingScope");
        errorMessage(key.get("/v3/apiclients"), 401, "MissingScope");
    }

    @Test
    void readOnlyUser_seesApiClientsAndTheirKeysButNotTheSecrets() {
        JsonNode c = Fixtures.apiClient(
                admin, "/v3", context("account", List.of()), List.of("subaccount:delete", "user:create"));
        String id = c.get("id").asText();
        Http reader = admin.as(Fixtures.userKey(admin, "/v3", "user"));

        assertThat(body(reader.get("/v3/apiclients/" + id)).get("id").asText()).isEqualTo(id);
        Http.Resp r = reader.get("/v3/apiclients/" + id + "/apikey");
        assertThat(body(r).get("id").asText())
                .isEqualTo(c.get("apikey").get("id").asText());
        assertThat(r.body().get("secret").isNull()).as(r.raw()).isTrue();
        assertThat(r.raw()).doesNotContain(c.get("apikey").get("secret").asText());
        errorMessage(reader.post("/v3/apiclients/" + id + "/apikey", null), 401, "MissingScope");
    }

    @Test
    void deleteApiClient_answersNrOfItemsAndRevokesItsKey() {
        JsonNode c = Fixtures.apiClient(admin, "/v3", context("account", List.of()), List.of("device:read"));
        String id = c.get("id").asText();
        Http key = admin.as(c.get("apikey"));
        body(key.get("/v3/devices"));

        deletedOne(admin.delete("/v3/apiclients/" + id));

        errorMessage(key.get("/v3/devices"), 401, "Unauthorized");
        errorMessage(admin.get("/v3/apiclients/" + id), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/apiclients/" + id + "/apikey"), 404, "ResourceNotFound");
        errorMessage(admin.delete("/v3/apiclients/" + id), 404, "ResourceNotFound");
    }

    @Test
    void apiClientsOfAnotherAccount_areNotFound() {
        JsonNode master = body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("Owner"), "user", Map.of("email", uniqueEmail("owner")))));
        Http stranger = admin.as(master.get("apikey"));
        String foreign = body(stranger.post("/v3/apiclients", Map.of("name", unique("foreign"))))
                .get("id")
                .asText();
        errorMessage(admin.get("/v3/apiclients/" + foreign), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/apiclients/" + foreign + "/apikey"), 404, "ResourceNotFound");
        errorMessage(admin.post("/v3/apiclients/" + foreign + "/apikey", null), 404, "ResourceNotFound");
        errorMessage(admin.delete("/v3/apiclients/" + foreign), 404, "ResourceNotFound");
        body(stranger.get("/v3/apiclients/" + foreign));
    }
}
