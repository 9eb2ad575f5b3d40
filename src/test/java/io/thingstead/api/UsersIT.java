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
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsersIT {
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

    private static JsonNode createUser(Http as, String role) {
        return body(as.post("/v3/users", Map.of("email", uniqueEmail(role), "name", "A " + role, "role", role)));
    }

    /** An HTTP client acting with the key of a new user of the given role. */
    private static Http userWithRole(String role) {
        JsonNode u = createUser(admin, role);
        return admin.as(body(admin.get("/v3/users/" + u.get("id").asText() + "/apikey")));
    }

    @Test
    void createUser_returnsTheUserWithEveryFieldAndWithoutPassword() {
        String email = uniqueEmail("create");
        JsonNode u = body(admin.post(
                "/v3/users",
                Map.of(
                        "email",
                        email,
                        "name",
                        "Jane Doe",
                        "role",
                        "power",
                        "password",
                        "s3cret-pass",
                        "tags",
                        List.of("t"))));
        assertThat(u.get("id").asText()).matches("_usr_\\d{18,19}");
        assertThat(u.get("email").asText()).isEqualTo(email);
        assertThat(u.get("role").asText()).isEqualTo("power");
        assertThat(u.get("name").asText()).isEqualTo("Jane Doe");
        for (String f : List.of("accountId", "status", "description", "timezone", "locale", "locked", "dateCreated")) {
            assertThat(u.has(f)).as(f + " in " + u).isTrue();
        }
        assertThat(u.toString()).doesNotContain("s3cret-pass").doesNotContain("password");
    }

    @Test
    void createUser_withoutRole_isAPlainUser() {
        JsonNode u = body(admin.post("/v3/users", Map.of("email", uniqueEmail("norole"))));
        assertThat(u.get("role").asText()).isEqualTo("user");
    }

    @Test
    void createUser_withoutEmail_is400NamingEmail() {
        String msg = errorMessage(admin.post("/v3/users", Map.of("name", "No Mail")), 400, "ValidationFailed");
        assertThat(msg).contains("email");
    }

    @Test
    void createUser_withInvalidEmail_is400NamingEmail() {
        for (Object bad : List.of("not-an-email", "two@@at.com", "", 42)) {
            String msg = errorMessage(admin.post("/v3/users", Map.of("email", bad)), 400, "ValidationFailed");
            assertThat(msg).as(String.valueOf(bad)).contains("email");
        }
    }

    @Test
    void createUser_withUnknownRole_is400NamingRole() {
        String msg = errorMessage(
                admin.post("/v3/users", Map.of("email", uniqueEmail("badrole"), "role", "overlord")),
                400,
                "ValidationFailed");
        assertThat(msg).contains("role");
    }

    @Test
    void createUser_duplicateEmail_is409EvenInAnotherCase() {
        String email = uniqueEmail("dup");
        body(admin.post("/v3/users", Map.of("email", email)));
        errorMessage(admin.post("/v3/users", Map.of("email", email)), 409, "NameAlreadyTaken");
        errorMessage(admin.post("/v3/users", Map.of("email", email.toUpperCase())), 409, "NameAlreadyTaken");
    }

    @Test
    void listUsers_filtersByEmailNameAndStatus() {
        String email = uniqueEmail("filter");
        String name = unique("FilterName");
        JsonNode u = body(admin.post("/v3/users", Map.of("email", email, "name", name)));
        String id = u.get("id").asText();
        JsonNode disabled =
                body(admin.post("/v3/users", Map.of("email", uniqueEmail("filterdis"), "status", "disabled")));

        JsonNode all = page(admin.get("/v3/users?pageSize=1000"));
        assertThat(field(all.get("results"), "id"))
                .contains(id, disabled.get("id").asText());

        JsonNode byEmail = page(admin.get("/v3/users?email=" + email));
        assertThat(field(byEmail.get("results"), "id")).containsExactly(id);
        JsonNode byName = page(admin.get("/v3/users?name=" + name));
        assertThat(field(byName.get("results"), "id")).containsExactly(id);
        JsonNode byStatus = page(admin.get("/v3/users?status=disabled&pageSize=1000"));
        assertThat(field(byStatus.get("results"), "id"))
                .contains(disabled.get("id").asText())
                .doesNotContain(id);
        assertThat(field(byStatus.get("results"), "status")).containsOnly("disabled");
        assertThat(page(admin.get("/v3/users?email=nobody@nowhere.example"))
                        .get("total")
                        .asInt())
                .isZero();
    }

    @Test
    void getUser_byIdAndByEmail() {
        JsonNode u = createUser(admin, "user");
        String id = u.get("id").asText();
        String email = u.get("email").asText();
        assertThat(body(admin.get("/v3/users/" + id))).isEqualTo(u);
        assertThat(body(admin.get("/v3/users/" + email))).isEqualTo(u);
        assertThat(body(admin.get("/v3/users/" + email.toUpperCase())).get("id").asText())
                .isEqualTo(id);
        errorMessage(admin.get("/v3/users/_usr_123456789012345678"), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/users/nobody@nowhere.example"), 404, "ResourceNotFound");
    }

    @Test
    void updateUser_changesRoleAndTheKeyFollowsIt() {
        JsonNode u = createUser(admin, "user");
        String id = u.get("id").asText();
        Http asUser = admin.as(body(admin.get("/v3/users/" + id + "/apikey")));
        errorMessage(asUser.post("/v3/deviceprofiles", Map.of("name", unique("prof"))), 401, "MissingScope");

        JsonNode updated = body(admin.put("/v3/users/" + id, Map.of("role", "power", "name", "Promoted")));
        assertThat(updated.get("role").asText()).isEqualTo("power");
        assertThat(updated.get("name").asText()).isEqualTo("Promoted");
        assertThat(body(admin.get("/v3/users/" + id)).get("role").asText()).isEqualTo("power");

        body(asUser.post("/v3/deviceprofiles", Map.of("name", unique("prof"))));
        JsonNode key = body(admin.get("/v3/users/" + id + "/apikey"));
        assertThat(field(key.get("scope"), "x")).hasSize(key.get("scope").size());
        assertThat(key.get("scope").toString()).contains("deviceprofile:create");
    }

    @Test
    void updateUser_disabled_itsKeyGets401_andReenabledWorksAgain() {
        JsonNode u = createUser(admin, "user");
        String id = u.get("id").asText();
        Http asUser = admin.as(body(admin.get("/v3/users/" + id + "/apikey")));
        body(asUser.get("/v3/devices"));

        assertThat(body(admin.put("/v3/users/" + id, Map.of("status", "disabled")))
                        .get("status")
                        .asText())
                .isEqualTo("disabled");
        errorMessage(asUser.get("/v3/devices"), 401, "Unauthorized");

        body(admin.put("/v3/users/" + id, Map.of("status", "confirmed")));
        body(asUser.get("/v3/devices"));
    }

    @Test
    void updateUser_invalidStatusOrRole_is400() {
        String id = createUser(admin, "user").get("id").asText();
        assertThat(errorMessage(admin.put("/v3/users/" + id, Map.of("status", "gone")), 400, "ValidationFailed"))
                .contains("status");
        assertThat(errorMessage(admin.put("/v3/users/" + id, Map.of("role", "root")), 400, "ValidationFailed"))
                .contains("role");
    }

    @Test
    void updateUser_toAnEmailTaken_is409() {
        String taken = createUser(admin, "user").get("email").asText();
        String id = createUser(admin, "user").get("id").asText();
        errorMessage(admin.put("/v3/users/" + id, Map.of("email", taken)), 409, "NameAlreadyTaken");
    }

    @Test
    void deleteUser_answersNrOfItemsAndRevokesItsKey() {
        JsonNode u = createUser(admin, "user");
        String id = u.get("id").asText();
        Http asUser = admin.as(body(admin.get("/v3/users/" + id + "/apikey")));
        body(asUser.get("/v3/devices"));

        deletedOne(admin.delete("/v3/users/" + id));

        errorMessage(admin.get("/v3/users/" + id), 404, "ResourceNotFound");
        errorMessage(asUser.get("/v3/devices"), 401, "Unauthorized");
        errorMessage(admin.delete("/v3/users/" + id), 404, "ResourceNotFound");
    }

    @Test
    void deleteUser_byEmail() {
        JsonNode u = createUser(admin, "guest");
        deletedOne(admin.delete("/v3/users/" + u.get("email").asText()));
        errorMessage(admin.get("/v3/users/" + u.get("id").asText()), 404, "ResourceNotFound");
    }

    @Test
    void lastAdminOfAMasterAccount_cannotBeDeletedDemotedOrDisabled() {
        JsonNode master = body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("LoneAdmin"), "user", Map.of("email", uniqueEmail("lone")))));
        Http owner = admin.as(master.get("apikey"));
        String adminId = master.get("user").get("id").asText();

        errorMessage(owner.delete("/v3/users/" + adminId), 409, "Conflict");
        errorMessage(owner.put("/v3/users/" + adminId, Map.of("role", "power")), 409, "Conflict");
        errorMessage(owner.put("/v3/users/" + adminId, Map.of("status", "disabled")), 409, "Conflict");
        JsonNode still = body(owner.get("/v3/users/" + adminId));
        assertThat(still.get("role").asText()).isEqualTo("admin");
        assertThat(still.get("status").asText()).isNotEqualTo("disabled");

        // with a second admin, the first may go
        JsonNode second = body(owner.post("/v3/users", Map.of("email", uniqueEmail("second"), "role", "admin")));
        String secondId = second.get("id").asText();
        Http secondAdmin = admin.as(body(owner.get("/v3/users/" + secondId + "/apikey")));
        body(owner.put("/v3/users/" + adminId, Map.of("role", "power")));
        // now the second is the last admin
        errorMessage(secondAdmin.delete("/v3/users/" + secondId), 409, "Conflict");
        errorMessage(secondAdmin.put("/v3/users/" + secondId, Map.of("role", "user")), 409, "Conflict");
        body(secondAdmin.get("/v3/users/" + secondId));
    }

    @Test
    void userApikey_getReturnsTheKeyAndRegenerateReplacesTheCredentials() {
        JsonNode u = createUser(admin, "user");
        String id = u.get("id").asText();
        JsonNode key = body(admin.get("/v3/users/" + id + "/apikey"));
        assertThat(key.get("id").asText()).matches("_key_\\d{18,19}");
        assertThat(key.get("secret").asText()).matches("[0-9a-f]{32}");
        assertThat(key.get("ownerId").asText()).isEqualTo(id);
        assertThat(key.get("context").get("type").asText()).isEqualTo("account");
        assertThat(key.has("rateLimit")).isTrue();
        Http old = admin.as(key);
        body(old.get("/v3/devices"));

        JsonNode fresh = body(admin.post("/v3/users/" + id + "/apikey", null));
        assertThat(fresh.get("id").asText()).isNotEqualTo(key.get("id").asText());
        assertThat(fresh.get("secret").asText()).isNotEqualTo(key.get("secret").asText());
        assertThat(fresh.get("ownerId").asText()).isEqualTo(id);

        errorMessage(old.get("/v3/devices"), 401, "Unauthorized");
        body(admin.as(fresh).get("/v3/devices"));
        assertThat(body(admin.get("/v3/users/" + id + "/apikey")).get("id").asText())
                .isEqualTo(fresh.get("id").asText());
    }

    @Test
    void userApikey_aUserMayRegenerateItsOwnKey() {
        Http asUser = userWithRole("guest");
        JsonNode self = body(asUser.get("/v3/users/" + ownUserId(asUser) + "/apikey"));
        JsonNode fresh = body(asUser.post("/v3/users/" + self.get("ownerId").asText() + "/apikey", null));
        errorMessage(asUser.get("/v3/devices"), 401, "Unauthorized");
        body(asUser.as(fresh).get("/v3/devices"));
    }

    private static String ownUserId(Http as) {
        for (JsonNode u : page(admin.get("/v3/users?pageSize=1000")).get("results")) {
            JsonNode k = body(admin.get("/v3/users/" + u.get("id").asText() + "/apikey"));
            if (k.get("id").asText().equals(as.key().id())) {
                return u.get("id").asText();
            }
        }
        throw new AssertionError("no user owns key " + as.key().id());
    }

    @Test
    void userRole_canReadDevicesButNotCreateThem() {
        Http asUser = userWithRole("user");
        page(asUser.get("/v3/devices"));
        String msg = errorMessage(
                asUser.post("/v3/devices", Map.of("name", unique("dev"), "profile", "Device")), 401, "MissingScope");
        assertThat(msg).contains("device:create");
    }

    @Test
    void guestRole_cannotListUsers() {
        Http guest = userWithRole("guest");
        String msg = errorMessage(guest.get("/v3/users"), 401, "MissingScope");
        assertThat(msg).contains("user:read");
        errorMessage(guest.post("/v3/users", Map.of("email", uniqueEmail("byguest"))), 401, "MissingScope");
    }

    @Test
    void powerRole_cannotManageUsersButCanCreateDeviceProfiles() {
        Http power = userWithRole("power");
        String email = uniqueEmail("bypower");
        String msg = errorMessage(power.post("/v3/users", Map.of("email", email)), 401, "MissingScope");
        assertThat(msg).contains("user:create");
        errorMessage(admin.get("/v3/users/" + email), 404, "ResourceNotFound");

        String target = createUser(admin, "user").get("id").asText();
        errorMessage(power.put("/v3/users/" + target, Map.of("role", "admin")), 401, "MissingScope");
        errorMessage(power.delete("/v3/users/" + target), 401, "MissingScope");
        errorMessage(power.post("/v3/users/" + target + "/apikey", null), 401, "MissingScope");

        JsonNode prof =
                body(power.post("/v3/deviceprofiles", Map.of("name", unique("powerprof"), "baseProfile", "Device")));
        assertThat(prof.get("id").asText()).startsWith("_dpf_");
    }

    @Test
    void readOnlyRoles_cannotReadAnotherUsersSecret() {
        String adminUserId = null;
        for (JsonNode u : page(admin.get("/v3/users?email=admin@localhost")).get("results")) {
            adminUserId = u.get("id").asText();
        }
        assertThat(adminUserId).isNotNull();
        errorMessage(userWithRole("guest").get("/v3/users/" + adminUserId + "/apikey"), 401, "MissingScope");
        for (String role : List.of("user", "power")) {
            Http.Resp r = userWithRole(role).get("/v3/users/" + adminUserId + "/apikey");
            assertThat(body(r).get("id").asText()).isEqualTo(admin.key().id());
            assertThat(r.body().get("secret").isNull()).as(r.raw()).isTrue();
            assertThat(r.raw()).doesNotContain(admin.key().secret());
        }
    }

    @Test
    void usersOfAnotherAccount_areNotFound() {
        JsonNode master = body(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", unique("OtherUsers"), "user", Map.of("email", uniqueEmail("other")))));
        String strangerId = master.get("user").get("id").asText();
        String strangerEmail = master.get("user").get("email").asText();
        errorMessage(admin.get("/v3/users/" + strangerId), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/users/" + strangerEmail), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/users/" + strangerId + "/apikey"), 404, "ResourceNotFound");
        errorMessage(admin.post("/v3/users/" + strangerId + "/apikey", null), 404, "ResourceNotFound");
        errorMessage(admin.put("/v3/users/" + strangerId, Map.of("name", "x")), 404, "ResourceNotFound");
        errorMessage(admin.delete("/v3/users/" + strangerId), 404, "ResourceNotFound");
        assertThat(field(page(admin.get("/v3/users?pageSize=1000")).get("results"), "id"))
                .doesNotContain(strangerId);
    }
}
