package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.unique;
import static io.thingstead.testing.Fixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Roles on the admin endpoints: what guest, user, custom, power and admin keys may do, that no key
 * hands on rights beyond its own, and that the master admin keeps its role.
 */
class RoleSecurityIT extends SecurityItBase {
    static final Map<String, Http> BY_ROLE = new HashMap<>();
    static final Map<String, String> USER_IDS = new HashMap<>();

    /** The guarded operations of the matrix, each on fresh targets made by the main admin. */
    static final Map<String, BiFunction<Http, String, Http.Resp>> OPS = Map.ofEntries(
            Map.entry("listUsers", (as, x) -> as.get("/v3/users")),
            Map.entry(
                    "createGuest", (as, x) -> as.post("/v3/users", Map.of("email", uniqueEmail("g"), "role", "guest"))),
            Map.entry(
                    "createAdmin", (as, x) -> as.post("/v3/users", Map.of("email", uniqueEmail("a"), "role", "admin"))),
            Map.entry("promoteUser", (as, x) -> as.put("/v3/users/" + newUser("guest"), Map.of("role", "admin"))),
            Map.entry("readUserKey", (as, x) -> as.get("/v3/users/" + newUser("guest") + "/apikey")),
            Map.entry("regenerateUserKey", (as, x) -> as.post("/v3/users/" + newUser("guest") + "/apikey", null)),
            Map.entry("readDeviceKey", (as, x) -> as.get("/v3/devices/" + id(device()) + "/apikey")),
            Map.entry("regenerateDeviceKey", (as, x) -> as.post("/v3/devices/" + id(device()) + "/apikey", null)),
            Map.entry("readStrongClientKey", (as, x) -> as.get("/v3/apiclients/" + strongClient() + "/apikey")),
            Map.entry("regenerateClientKey", (as, x) -> as.post("/v3/apiclients/" + strongClient() + "/apikey", null)),
            Map.entry(
                    "createUserManagerClient",
                    (as, x) -> as.post("/v3/apiclients", Map.of("name", unique("c"), "scope", List.of("user:create")))),
            Map.entry(
                    "createSubWithUser",
                    (as, x) -> as.post(
                            "/v3/accounts",
                            Map.of("name", unique("S"), "user", Map.of("email", uniqueEmail("s"), "role", "power")))),
            Map.entry(
                    "createDevice",
                    (as, x) -> as.post("/v3/devices", Map.of("name", unique("dev"), "profile", "ConnectedDevice"))),
            Map.entry("deleteDevice", (as, x) -> as.delete("/v3/devices/" + id(device()))),
            Map.entry("renameAccount", (as, x) -> as.put("/v3/accounts/_this_", Map.of("description", "by " + x))));

    @BeforeAll
    static void roles() {
        for (String role : List.of("guest", "user", "custom", "power")) {
            JsonNode key = Fixtures.userKey(admin, "/v3", role);
            BY_ROLE.put(role, admin.as(key));
            USER_IDS.put(role, key.get("ownerId").asText());
        }
        BY_ROLE.put("admin", admin);
    }

    static String newUser(String role) {
        return id(Fixtures.user(admin, "/v3", role));
    }

    /** An API client made by the admin whose key may create users. */
    static String strongClient() {
        return id(Fixtures.apiClient(
                admin, "/v3", context("account"), List.of("user:create", "user:read", "device:read")));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "guest,  listUsers, 401",
        "user, listUsers, 200",
        "power, listUsers, 200",
        "guest,  createGuest, 401",
        "user, createGuest, 401",
        "custom, createGuest, 401",
        "power, createGuest, 401",
        "admin,  createGuest, 200",
        "power,  createAdmin, 401",
        "admin, createAdmin, 200",
        "user,   promoteUser, 401",
        "power, promoteUser, 401",
        "admin, promoteUser, 200",
        "guest,  readUserKey, 401",
        "user, readUserKey, hidden",
        "custom, readUserKey, hidden",
        "power,  readUserKey, hidden",
        "admin, readUserKey, shown",
        "user,   regenerateUserKey, 401",
        "power, regenerateUserKey, 401",
        "admin, regenerateUserKey, 200",
        "guest,  readDeviceKey, hidden",
        "user, readDeviceKey, hidden",
        "custom, readDeviceKey, hidden",
        "power,  readDeviceKey, shown",
        "admin, readDeviceKey, shown",
        "user,   regenerateDeviceKey, 401",
        "power, regenerateDeviceKey, 401",
        "admin, regenerateDeviceKey, 200",
        "guest,  readStrongClientKey, 401",
        "user, readStrongClientKey, hidden",
        "power, readStrongClientKey, hidden",
        "admin,  readStrongClientKey, shown",
        "user,   regenerateClientKey, 401",
        "power, regenerateClientKey, 401",
        "admin, regenerateClientKey, 200",
        "user,   createUserManagerClient, 401",
        "power, createUserManagerClient, 401",
        "admin,  createUserManagerClient, 200",
        "guest,  createSubWithUser, 401",
        "power, createSubWithUser, 401",
        "admin, createSubWithUser, 200",
        "guest,  createDevice, 401",
        "user, createDevice, 401",
        "custom, createDevice, 401",
        "power, createDevice, 200",
        "user,   deleteDevice, 401",
        "power, deleteDevice, 200",
        "user,   renameAccount, 401",
        "power, renameAccount, 401",
        "admin, renameAccount, 200"
    })
    void role_onAGuardedEndpoint(String role, String op, String expected) {
        Http.Resp r = OPS.get(op).apply(BY_ROLE.get(role), role);
        switch (expected) {
            case "hidden" -> assertSecretHidden(r);
            case "shown" -> assertSecretShown(r);
            case "200" -> body(r);
            default -> errorMessage(r, Integer.parseInt(expected), null);
        }
    }

    @Test
    void powerUser_cannotBecomeAdminThroughAnAdminMadeClient() {
        Http power = BY_ROLE.get("power");
        String strong = strongClient();

        assertSecretHidden(power.get("/v3/apiclients/" + strong + "/apikey"));
        errorMessage(power.post("/v3/apiclients/" + strong + "/apikey", null), 401, "MissingScope");
        errorMessage(
                power.put("/v3/apiclients/" + strong + "/apikey", Map.of("scope", List.of("device:read"))),
                401,
                "MissingScope");
        // a client the power user makes carries no more than the power user
        JsonNode own = Fixtures.apiClient(power, "/v3", context("account"), List.of("device:read", "apiclient:read"));
        assertThat(own.get("apikey").get("secret").asText()).hasSize(32);
    }

    @Test
    void userManagingClient_createsOnlyRolesWithinItsOwnScopes() {
        Http manager = admin.as(Fixtures.apiClient(
                        admin,
                        "/v3",
                        context("account"),
                        List.of(
                                "user:create",
                                "user:read",
                                "user:modify",
                                "account:read",
                                "deviceprofile:read",
                                "device:read",
                                "app:read",
                                "alert:read",
                                "method:read"))
                .get("apikey"));

        assertThat(errorMessage(
                        manager.post("/v3/users", Map.of("email", uniqueEmail("esc"), "role", "admin")),
                        401,
                        "MissingScope"))
                .contains("role");
        errorMessage(manager.post("/v3/users", Map.of("email", uniqueEmail("esc"))), 401, "MissingScope");
        String guest = id(body(manager.post("/v3/users", Map.of("email", uniqueEmail("ok"), "role", "guest"))));
        body(manager.put("/v3/users/" + guest, Map.of("name", "Renamed")));
        errorMessage(manager.put("/v3/users/" + guest, Map.of("role", "power")), 401, "MissingScope");
        // another user with more rights than the manager is out of its hands
        String power = newUser("power");
        errorMessage(manager.put("/v3/users/" + power, Map.of("status", "disabled")), 401, "MissingScope");
        assertThat(body(admin.get("/v3/users/" + guest)).get("role").asText()).isEqualTo("guest");
        assertThat(body(admin.get("/v3/users/" + power)).get("status").asText()).isNotEqualTo("disabled");
    }

    @Test
    void masterAdmin_keepsItsRole_credentialsAndKey_againstASecondAdmin() {
        JsonNode master = createMaster(unique("Owned"));
        Http owner = admin.as(master.get("apikey"));
        String ownerId = id(master.get("user"));
        String secondId = id(body(owner.post("/v3/users", Map.of("email", uniqueEmail("second"), "role", "admin"))));
        Http second = admin.as(body(owner.get("/v3/users/" + secondId + "/apikey")));

        assertThat(errorMessage(second.put("/v3/users/" + ownerId, Map.of("role", "power")), 403, "Forbidden"))
                .contains("master admin");
        errorMessage(second.put("/v3/users/" + ownerId, Map.of("password", "taken-over")), 403, "Forbidden");
        errorMessage(second.put("/v3/users/" + ownerId, Map.of("email", uniqueEmail("moved"))), 403, "Forbidden");
        errorMessage(second.post("/v3/users/" + ownerId + "/apikey", null), 403, "Forbidden");
        assertSecretHidden(second.get("/v3/users/" + ownerId + "/apikey"));
        body(owner.get("/v3/accounts/_this_"));
        assertThat(body(second.get("/v3/users/" + ownerId)).get("role").asText())
                .isEqualTo("admin");

        // other admins may disable it (and enable it again), and change what is not its privilege
        body(second.put("/v3/users/" + ownerId, Map.of("status", "disabled", "name", "Away")));
        errorMessage(owner.get("/v3/accounts/_this_"), 401, "Unauthorized");
        body(second.put("/v3/users/" + ownerId, Map.of("status", "confirmed")));
        // the master admin may step down itself; the second admin is then the master admin
        body(owner.put("/v3/users/" + ownerId, Map.of("role", "power")));
        String thirdId = id(body(second.post("/v3/users", Map.of("email", uniqueEmail("third"), "role", "admin"))));
        Http third = admin.as(body(second.get("/v3/users/" + thirdId + "/apikey")));
        errorMessage(third.put("/v3/users/" + secondId, Map.of("role", "user")), 403, "Forbidden");
        body(second.put("/v3/users/" + thirdId, Map.of("role", "user")));
    }

    @Test
    void disabledUsersKey_is401Everywhere_untilEnabledAgain() {
        String id = newUser("power");
        Http key = admin.as(body(admin.get("/v3/users/" + id + "/apikey")));
        body(admin.put("/v3/users/" + id, Map.of("status", "disabled")));

        for (String path :
                List.of("/v3/accounts/_this_", "/v3/devices", "/v3/users/" + id, "/v3/users/" + id + "/apikey")) {
            errorMessage(key.get(path), 401, "Unauthorized");
        }
        errorMessage(key.post("/v3/users/" + id + "/apikey", null), 401, "Unauthorized");
        body(admin.put("/v3/users/" + id, Map.of("status", "confirmed")));
        body(key.get("/v3/devices"));
    }

    @Test
    void anyUser_readsItsOwnKeyWhole_andAnotherUsersRecordOnlyWithUserRead() {
        Http guest = BY_ROLE.get("guest");
        Http plain = BY_ROLE.get("user");
        String guestId = USER_IDS.get("guest");

        assertThat(assertSecretShown(guest.get("/v3/users/" + guestId + "/apikey"))
                        .get("secret")
                        .asText())
                .isEqualTo(guest.key().secret());
        body(guest.get("/v3/users/" + guestId));
        errorMessage(guest.get("/v3/users/" + newUser("user")), 401, "MissingScope");
        body(plain.get("/v3/users/" + guestId));
        errorMessage(plain.put("/v3/users/" + guestId, Map.of("name", "x")), 401, "MissingScope");
        errorMessage(plain.delete("/v3/users/" + guestId), 401, "MissingScope");
    }
}
