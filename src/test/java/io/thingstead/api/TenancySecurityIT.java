package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.ApiAssert.field;
import static io.thingstead.testing.ApiAssert.page;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Accounts apart: a key reaches the accounts its context lists and their direct sub-accounts, and
 * every entity of any other account (another master, a sibling, a grandchild, the owner) is not
 * found, by id and by name, through the short form and {@code /v3/accounts/{ref}/...}.
 */
class TenancySecurityIT extends SecurityItBase {
    /** One populated account: a profile with {@code level}, a device, a user, an API client, the property. */
    record Tenant(String accountId, JsonNode device, String profile, JsonNode user, JsonNode client, String prop) {
        static Tenant populate(Http as, String accountId) {
            String prefix = "/v3/accounts/" + accountId;
            String profile = profileWithLevel(as, prefix, "ConnectedDevice");
            JsonNode device = Fixtures.device(as, prefix, profile);
            body(as.post(prefix + "/data/devices/" + id(device), Map.of("level", 7)));
            JsonNode user = Fixtures.user(as, prefix, "guest");
            JsonNode client = body(as.post(prefix + "/apiclients", Map.of("name", unique("client"))));
            String prop = id(page(as.get(prefix + "/deviceprofiles/" + profile + "/properties"))
                    .get("results")
                    .get(0));
            return new Tenant(accountId, device, profile, user, client, prop);
        }

        /** Every read of one of this account's entities, as a path below the account. */
        List<String> reads() {
            String dev = id(device);
            String devName = device.get("name").asText();
            return List.of(
                    "/devices/" + dev,
                    "/devices/" + devName,
                    "/devices/" + dev + "/apikey",
                    "/devices/" + devName + "/logs",
                    "/deviceprofiles/" + profile,
                    "/deviceprofiles/" + profile + "/properties",
                    "/deviceprofiles/" + profile + "/properties/level",
                    "/properties/" + prop,
                    "/properties?ownerId=" + profile,
                    "/properties?ownerId=" + dev,
                    "/properties?owner=" + devName,
                    "/users/" + id(user),
                    "/users/" + user.get("email").asText(),
                    "/users/" + id(user) + "/apikey",
                    "/apiclients/" + id(client),
                    "/apiclients/" + client.get("name").asText(),
                    "/apiclients/" + id(client) + "/apikey",
                    "/data/devices/" + dev,
                    "/data/devices/" + devName + "/state",
                    "/data/devices/" + dev + "/properties/level");
        }
    }

    static String subA;
    static String subB;
    static String grandA;
    static Http subAdmin;
    static Http subAOnly;
    static Tenant main;
    static Tenant tenantA;
    static Tenant tenantB;
    static Tenant grand;
    static Tenant stranger;

    @BeforeAll
    static void accounts() {
        JsonNode a = createSubWithAdmin(admin, unique("SubA"));
        subA = id(a);
        subAdmin = admin.as(a.get("apikey"));
        subB = id(createSub(admin, unique("SubB")));
        grandA = id(createSub(subAdmin, unique("GrandA")));
        JsonNode other = createMaster(unique("Stranger"));
        main = Tenant.populate(admin, mainId);
        tenantA = Tenant.populate(admin, subA);
        tenantB = Tenant.populate(admin, subB);
        grand = Tenant.populate(subAdmin, grandA);
        stranger = Tenant.populate(admin.as(other.get("apikey")), id(other));
        // an API client of the main account whose context lists the sub-account alone
        subAOnly = admin.as(Fixtures.apiClient(
                        admin,
                        "/v3",
                        context("account", subA),
                        List.of(
                                "account:read",
                                "subaccount:read",
                                "user:read",
                                "apiclient:read",
                                "deviceprofile:read",
                                "device:read",
                                "device:read-data"))
                .get("apikey"));
    }

    /**
     * Every read of every entity of the tenants, in both forms, and (for a key holding the scopes)
     * a data write and a device change: all 404 for the key.
     */
    private static Stream<DynamicTest> unreachable(
            String keyName, Http key, boolean writes, Map<String, Tenant> tenants) {
        List<DynamicTest> tests = new ArrayList<>();
        tenants.forEach((tenantName, t) -> {
            List<String> paths = new ArrayList<>();
            for (String read : t.reads()) {
                paths.add("/v3" + read);
                paths.add("/v3/accounts/" + t.accountId() + read);
            }
            paths.add("/v3/accounts/" + t.accountId());
            paths.add("/v3/accounts/" + t.accountId() + "/devices");
            for (String path : paths) {
                tests.add(DynamicTest.dynamicTest(keyName + " GET " + tenantName + " " + path, () -> {
                    Http.Resp r = key.get(path);
                    errorMessage(r, 404, "ResourceNotFound");
                    assertThat(r.raw()).doesNotContain(t.device().get("name").asText() + "\"");
                }));
            }
            String write = "/v3/data/devices/" + id(t.device()) + "/properties/level";
            if (!writes) {
                return;
            }
            tests.add(DynamicTest.dynamicTest(keyName + " writes to " + tenantName, () -> {
                errorMessage(key.post(write, Map.of("dps", List.of(Map.of("v", 1)))), 404, "ResourceNotFound");
                errorMessage(
                        key.put("/v3/devices/" + id(t.device()), Map.of("friendlyName", "x")), 404, "ResourceNotFound");
            }));
        });
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> masterAdmin_reachesNeitherAnotherMasterNorAGrandchild() {
        return unreachable("main admin", admin, true, Map.of("stranger", stranger, "grandchild", grand));
    }

    @TestFactory
    Stream<DynamicTest> subAccountAdmin_reachesNeitherItsOwnerNorASiblingNorAnotherMaster() {
        return unreachable(
                "sub admin", subAdmin, true, Map.of("owner", main, "sibling", tenantB, "stranger", stranger));
    }

    @TestFactory
    Stream<DynamicTest> keyListingASubAccount_reachesNeitherTheMasterNorASibling() {
        return unreachable(
                "[subA] key", subAOnly, false, Map.of("master", main, "sibling", tenantB, "stranger", stranger));
    }

    @Test
    void keyListingASubAccount_actsOnThatAccountAsThis_andOnItsDirectSubAccounts() {
        assertThat(body(subAOnly.get("/v3/accounts/_this_")).get("id").asText()).isEqualTo(subA);
        assertThat(field(page(subAOnly.get("/v3/devices")).get("results"), "id"))
                .containsExactly(id(tenantA.device()));
        assertThat(field(page(subAOnly.get("/v3/accounts/_this_/users")).get("results"), "id"))
                .contains(id(tenantA.user()))
                .doesNotContain(id(main.user()));
        assertThat(body(subAOnly.get("/v3/data/devices/" + id(tenantA.device())))
                        .get("level")
                        .asInt())
                .isEqualTo(7);
        assertThat(field(page(subAOnly.get("/v3/accounts")).get("results"), "id"))
                .containsExactly(grandA);
        body(subAOnly.get("/v3/accounts/" + grandA + "/devices/" + id(grand.device())));
        body(subAOnly.get("/v3/accounts/" + grandA));
    }

    @Test
    void masterKey_doesNotSeeAGrandchildThroughItsParentsAccountsEither() {
        String path = "/v3/accounts/" + subA + "/accounts";
        assertThat(field(page(admin.get(path)).get("results"), "id")).doesNotContain(grandA);
        errorMessage(admin.get(path + "/" + grandA), 404, "ResourceNotFound");
        errorMessage(admin.put(path + "/" + grandA, Map.of("status", "suspended")), 404, "ResourceNotFound");
        errorMessage(admin.delete(path + "/" + grandA), 404, "ResourceNotFound");
        assertThat(body(subAdmin.get("/v3/accounts/" + grandA)).get("status").asText())
                .isEqualTo("open");
    }

    @Test
    void subAccountKeys_cannotChangeTheirOwnPlanOrLock_theOwnerCan() {
        JsonNode sub = createSubWithAdmin(admin, unique("Planned"));
        Http own = admin.as(sub.get("apikey"));
        body(admin.put("/v3/accounts/" + id(sub), Map.of("locked", true)));

        assertThat(errorMessage(own.put("/v3/accounts/_this_", Map.of("locked", false)), 403, "Forbidden"))
                .contains("'locked'");
        errorMessage(own.put("/v3/accounts/_this_", Map.of("plan", Map.of("type", "enterprise"))), 403, "Forbidden");
        assertThat(body(own.get("/v3/accounts/_this_")).get("locked").asBoolean())
                .isTrue();

        body(admin.put("/v3/accounts/" + id(sub), Map.of("locked", false, "plan", Map.of("type", "trial"))));
        JsonNode read = body(own.get("/v3/accounts/_this_"));
        body(own.put("/v3/accounts/_this_", Map.of("friendlyName", "mine", "plan", read.get("plan"), "locked", false)));
    }

    @Test
    void deviceKey_reachesOnlyItsOwnAccount_byAnyName() {
        Http key = deviceKey(tenantA.device());
        body(key.get("/v3/accounts/" + subA + "/devices/_this_"));
        body(key.get("/v3/accounts/_this_/data/devices/_this_"));
        errorMessage(key.get("/v3/accounts/" + mainId + "/devices/_this_"), 404, "ResourceNotFound");
        errorMessage(key.get("/v3/accounts/" + grandA + "/data/devices/_this_"), 404, "ResourceNotFound");
        errorMessage(key.get("/v3/accounts/" + subA + "/devices"), 401, null);
    }
}
