package io.thingstead.api;

import static io.thingstead.api.ApiAssertions.deletedOne;
import static io.thingstead.api.ApiAssertions.error;
import static io.thingstead.api.ApiAssertions.field;
import static io.thingstead.api.ApiAssertions.ok;
import static io.thingstead.api.ApiAssertions.page;
import static io.thingstead.api.ApiAssertions.unique;
import static io.thingstead.api.ApiAssertions.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccountsIT {
    static TestServer server;
    static Http admin;
    static String mainId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        mainId = ok(admin.get("/v3/accounts/_this_")).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode createSub(Http as, String name) {
        return ok(as.post("/v3/accounts", Map.of("name", name)));
    }

    /** A sub-account of the caller with its admin user; returns the response with account, user and apikey. */
    private static JsonNode createSubWithAdmin(Http as, String name) {
        JsonNode r = ok(as.post(
                "/v3/accounts",
                Map.of("name", name, "user", Map.of("name", "Admin of " + name, "email", uniqueEmail("adm")))));
        assertThat(r.get("apikey").get("id").asText()).startsWith("_key_");
        return r;
    }

    /** A master account made by the sysadmin; returns the response with account, user and apikey. */
    private static JsonNode createMaster(String name) {
        return ok(server.sysadmin()
                .post(
                        "/v3/sys/accounts",
                        Map.of("name", name, "user", Map.of("name", "Owner", "email", uniqueEmail("owner")))));
    }

    private static JsonNode createDevice(Http as, String prefix, String name) {
        return ok(as.post(prefix + "/devices", Map.of("name", name, "profile", "ConnectedDevice")));
    }

    @Test
    void getThisAccount_returnsTheCallersMasterAccountWithEveryField() {
        JsonNode a = ok(admin.get("/v3/accounts/_this_"));
        assertThat(a.get("name").asText()).isEqualTo("main");
        assertThat(a.get("id").asText()).matches("_acc_\\d{18,19}");
        assertThat(a.get("status").asText()).isEqualTo("open");
        for (String f : List.of(
                "friendlyName",
                "ownerId",
                "plan",
                "status",
                "description",
                "tags",
                "locked",
                "dateCreated",
                "dateModified")) {
            assertThat(a.has(f)).as("field " + f + " in " + a).isTrue();
        }
        assertThat(a.get("ownerId").isNull()).isTrue();
        assertThat(ok(admin.get("/v3/accounts/main")).get("id").asText())
                .isEqualTo(a.get("id").asText());
        assertThat(ok(admin.get("/v3/accounts/" + a.get("id").asText()))
                        .get("id")
                        .asText())
                .isEqualTo(a.get("id").asText());
    }

    @Test
    void putThisAccount_updatesItsDescriptiveFields() {
        String friendly = unique("Main Friendly");
        JsonNode updated = ok(admin.put(
                "/v3/accounts/_this_",
                Map.of("friendlyName", friendly, "description", "the main account", "tags", List.of("a", "b"))));
        assertThat(updated.get("friendlyName").asText()).isEqualTo(friendly);
        JsonNode read = ok(admin.get("/v3/accounts/_this_"));
        assertThat(read.get("friendlyName").asText()).isEqualTo(friendly);
        assertThat(read.get("description").asText()).isEqualTo("the main account");
        assertThat(field(read.get("tags"), "x")).hasSize(2);
        assertThat(read.get("name").asText()).isEqualTo("main");
    }

    @Test
    void putThisAccount_cannotCloseAMasterAccount() {
        error(admin.put("/v3/accounts/_this_", Map.of("status", "closed")), 403, "Forbidden");
        assertThat(ok(admin.get("/v3/accounts/_this_")).get("status").asText()).isEqualTo("open");
    }

    @Test
    void putThisAccount_invalidStatus_is400NamingStatus() {
        String msg = error(admin.put("/v3/accounts/_this_", Map.of("status", "bogus")), 400, "ValidationFailed");
        assertThat(msg).contains("status");
    }

    @Test
    void createSubAccount_isOwnedByTheCallerAndCanBeReadByIdAndName() {
        String name = unique("Sub");
        JsonNode sub = createSub(admin, name);
        assertThat(sub.get("id").asText()).startsWith("_acc_");
        assertThat(sub.get("ownerId").asText()).isEqualTo(mainId);
        assertThat(sub.get("status").asText()).isEqualTo("open");
        assertThat(sub.has("plan")).isTrue();

        String id = sub.get("id").asText();
        assertThat(ok(admin.get("/v3/accounts/" + id)).get("name").asText()).isEqualTo(name);
        assertThat(ok(admin.get("/v3/accounts/" + name.toUpperCase())).get("id").asText())
                .isEqualTo(id);
        JsonNode list = page(admin.get("/v3/accounts?pageSize=1000"));
        assertThat(field(list.get("results"), "id")).contains(id);
        assertThat(field(list.get("results"), "ownerId")).containsOnly(mainId);
    }

    @Test
    void createSubAccount_withUser_returnsAWorkingAdminKeyForTheSubAccount() {
        String name = unique("SubWithUser");
        JsonNode created = createSubWithAdmin(admin, name);
        assertThat(created.get("user").get("role").asText()).isEqualTo("admin");
        Http subAdmin = admin.as(created.get("apikey"));
        JsonNode self = ok(subAdmin.get("/v3/accounts/_this_"));
        assertThat(self.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(self.get("ownerId").asText()).isEqualTo(mainId);
        // the sub-account cannot see its owner
        error(subAdmin.get("/v3/accounts/" + mainId), 404, "ResourceNotFound");
    }

    @Test
    void createSubAccount_nameTaken_is409EvenInAnotherCase() {
        String name = unique("Taken");
        createSub(admin, name);
        error(admin.post("/v3/accounts", Map.of("name", name)), 409, "NameAlreadyTaken");
        error(admin.post("/v3/accounts", Map.of("name", name.toLowerCase())), 409, "NameAlreadyTaken");
        // names are system-wide: another tenant cannot take it either
        Http other = admin.as(createMaster(unique("OtherTenant")).get("apikey"));
        error(other.post("/v3/accounts", Map.of("name", name.toUpperCase())), 409, "NameAlreadyTaken");
    }

    @Test
    void createSubAccount_withoutName_is400NamingName() {
        String msg = error(admin.post("/v3/accounts", Map.of("friendlyName", "x")), 400, "ValidationFailed");
        assertThat(msg).contains("name");
        error(admin.post("/v3/accounts", Map.of("name", "1startsWithDigit")), 400, "ValidationFailed");
    }

    @Test
    void createSubAccount_withATakenUserEmail_is409AndCreatesNothing() {
        String email = ok(admin.post("/v3/users", Map.of("email", uniqueEmail("taken"))))
                .get("email")
                .asText();
        String name = unique("EmailTaken");
        error(
                admin.post("/v3/accounts", Map.of("name", name, "user", Map.of("email", email))),
                409,
                "NameAlreadyTaken");
        error(admin.get("/v3/accounts/" + name), 404, "ResourceNotFound");
        createSub(admin, name);
    }

    @Test
    void lockedSubAccount_cannotBeModifiedOrClosedUntilUnlocked() {
        String id = createSub(admin, unique("Locked")).get("id").asText();
        assertThat(ok(admin.put("/v3/accounts/" + id, Map.of("locked", true)))
                        .get("locked")
                        .asBoolean())
                .isTrue();
        error(admin.put("/v3/accounts/" + id, Map.of("friendlyName", "x")), 403, "EntityLocked");
        error(admin.delete("/v3/accounts/" + id), 403, "EntityLocked");
        error(admin.delete("/v3/accounts/" + id + "?hard=true"), 403, "EntityLocked");
        assertThat(ok(admin.get("/v3/accounts/" + id)).get("status").asText()).isEqualTo("open");
        ok(admin.put("/v3/accounts/" + id, Map.of("locked", false)));
        deletedOne(admin.delete("/v3/accounts/" + id));
    }

    @Test
    void subAccountManagement_followsTheCallersRole() {
        JsonNode u = ok(admin.post("/v3/users", Map.of("email", uniqueEmail("pw"), "role", "power")));
        Http power = admin.as(ok(admin.get("/v3/users/" + u.get("id").asText() + "/apikey")));
        String id = createSub(power, unique("ByPower")).get("id").asText();
        assertThat(error(power.delete("/v3/accounts/" + id), 401, "MissingScope"))
                .contains("subaccount:delete");
        error(power.put("/v3/accounts/_this_", Map.of("friendlyName", "x")), 401, "MissingScope");

        JsonNode g = ok(admin.post("/v3/users", Map.of("email", uniqueEmail("gs"), "role", "guest")));
        Http guest = admin.as(ok(admin.get("/v3/users/" + g.get("id").asText() + "/apikey")));
        ok(guest.get("/v3/accounts/_this_"));
        error(guest.get("/v3/accounts"), 401, "MissingScope");
        error(guest.post("/v3/accounts", Map.of("name", unique("ByGuest"))), 401, "MissingScope");
    }

    @Test
    void listSubAccounts_filtersByStatus() {
        String openId = createSub(admin, unique("StatusOpen")).get("id").asText();
        String closedId = createSub(admin, unique("StatusClosed")).get("id").asText();
        deletedOne(admin.delete("/v3/accounts/" + closedId));

        JsonNode open = page(admin.get("/v3/accounts?status=open&pageSize=1000"));
        assertThat(field(open.get("results"), "id")).contains(openId).doesNotContain(closedId);
        assertThat(field(open.get("results"), "status")).containsOnly("open");

        JsonNode closed = page(admin.get("/v3/accounts?status=closed&pageSize=1000"));
        assertThat(field(closed.get("results"), "id")).contains(closedId).doesNotContain(openId);
        assertThat(field(closed.get("results"), "status")).containsOnly("closed");
    }

    @Test
    void listSubAccounts_invalidStatus_is400() {
        String msg = error(admin.get("/v3/accounts?status=deleted"), 400, "ValidationFailed");
        assertThat(msg).contains("status");
    }

    @Test
    void updateSubAccount_changesItsFields() {
        String id = createSub(admin, unique("Upd")).get("id").asText();
        String newName = unique("Renamed");
        JsonNode updated = ok(admin.put(
                "/v3/accounts/" + id, Map.of("name", newName, "friendlyName", "Renamed one", "description", "d")));
        assertThat(updated.get("name").asText()).isEqualTo(newName);
        assertThat(updated.get("friendlyName").asText()).isEqualTo("Renamed one");
        JsonNode read = ok(admin.get("/v3/accounts/" + newName));
        assertThat(read.get("id").asText()).isEqualTo(id);
        assertThat(read.get("description").asText()).isEqualTo("d");
    }

    @Test
    void updateSubAccount_toANameTaken_is409() {
        String taken = createSub(admin, unique("UpdTaken")).get("name").asText();
        String id = createSub(admin, unique("UpdOther")).get("id").asText();
        error(admin.put("/v3/accounts/" + id, Map.of("name", taken)), 409, "NameAlreadyTaken");
    }

    @Test
    void suspendSubAccount_itsKeysGet401() {
        JsonNode created = createSubWithAdmin(admin, unique("Suspend"));
        Http subAdmin = admin.as(created.get("apikey"));
        ok(subAdmin.get("/v3/accounts/_this_"));
        JsonNode updated = ok(admin.put("/v3/accounts/" + created.get("id").asText(), Map.of("status", "suspended")));
        assertThat(updated.get("status").asText()).isEqualTo("suspended");
        error(subAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
        ok(admin.put("/v3/accounts/" + created.get("id").asText(), Map.of("status", "open")));
        ok(subAdmin.get("/v3/accounts/_this_"));
    }

    @Test
    void closeSubAccount_revokesItsKeys() {
        JsonNode created = createSubWithAdmin(admin, unique("Close"));
        String id = created.get("id").asText();
        Http subAdmin = admin.as(created.get("apikey"));
        ok(subAdmin.get("/v3/devices"));

        deletedOne(admin.delete("/v3/accounts/" + id));

        assertThat(ok(admin.get("/v3/accounts/" + id)).get("status").asText()).isEqualTo("closed");
        error(subAdmin.get("/v3/devices"), 401, "Unauthorized");
        error(subAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
    }

    @Test
    void closeSubAccount_alsoShutsOutItsOwnSubAccounts() {
        JsonNode sub = createSubWithAdmin(admin, unique("CloseParent"));
        Http subAdmin = admin.as(sub.get("apikey"));
        JsonNode grandChild = createSubWithAdmin(subAdmin, unique("CloseChild"));
        Http grandAdmin = admin.as(grandChild.get("apikey"));
        ok(grandAdmin.get("/v3/accounts/_this_"));

        deletedOne(admin.delete("/v3/accounts/" + sub.get("id").asText()));

        error(grandAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
    }

    @Test
    void hardDeleteSubAccount_removesItAndItsEntities() {
        JsonNode created = createSubWithAdmin(admin, unique("Hard"));
        String id = created.get("id").asText();
        String name = created.get("name").asText();
        Http subAdmin = admin.as(created.get("apikey"));
        createDevice(subAdmin, "/v3", unique("hard-dev"));

        deletedOne(admin.delete("/v3/accounts/" + id + "?hard=true"));

        error(admin.get("/v3/accounts/" + id), 404, "ResourceNotFound");
        error(admin.get("/v3/accounts/" + id + "/devices"), 404, "ResourceNotFound");
        error(subAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
        assertThat(field(page(admin.get("/v3/accounts?pageSize=1000")).get("results"), "id"))
                .doesNotContain(id);
        // the name is free again
        createSub(admin, name);
    }

    @Test
    void hardDeleteAfterClose_removesIt() {
        String id = createSub(admin, unique("CloseThenHard")).get("id").asText();
        deletedOne(admin.delete("/v3/accounts/" + id));
        deletedOne(admin.delete("/v3/accounts/" + id + "?hard=true"));
        error(admin.get("/v3/accounts/" + id), 404, "ResourceNotFound");
    }

    @Test
    void deleteUnknownSubAccount_is404() {
        error(admin.delete("/v3/accounts/_acc_123456789012345678"), 404, "ResourceNotFound");
    }

    @Test
    void subAccounts_areAtMostThreeLevelsDeep() {
        JsonNode level2 = createSubWithAdmin(admin, unique("L2"));
        Http level2Admin = admin.as(level2.get("apikey"));
        JsonNode level3 = createSubWithAdmin(level2Admin, unique("L3"));
        assertThat(level3.get("ownerId").asText()).isEqualTo(level2.get("id").asText());
        Http level3Admin = admin.as(level3.get("apikey"));

        String name = unique("L4");
        String msg = error(level3Admin.post("/v3/accounts", Map.of("name", name)), 400, "ValidationFailed");
        assertThat(msg).contains("3");
        // nothing was created: the name is still free
        createSub(admin, name);
    }

    @Test
    void parentAdmin_createsThirdLevelThroughSubAccountPath() {
        JsonNode level2 = createSub(admin, unique("PL2"));
        JsonNode level3 = ok(
                admin.post("/v3/accounts/" + level2.get("id").asText() + "/accounts", Map.of("name", unique("PL3"))));
        assertThat(level3.get("ownerId").asText()).isEqualTo(level2.get("id").asText());
        // grandchildren are not managed by the master's users
        error(admin.get("/v3/accounts/" + level3.get("id").asText() + "/devices"), 404, "ResourceNotFound");
    }

    @Test
    void subAccountAddressing_parentAdminKeyManagesTheSubAccountsDevices() {
        JsonNode sub = createSub(admin, unique("Addr"));
        String subId = sub.get("id").asText();
        String subName = sub.get("name").asText();
        String devName = unique("sub-dev");

        JsonNode dev = createDevice(admin, "/v3/accounts/" + subId, devName);
        assertThat(dev.get("accountId").asText()).isEqualTo(subId);
        String devId = dev.get("id").asText();

        assertThat(field(page(admin.get("/v3/accounts/" + subName + "/devices")).get("results"), "id"))
                .containsExactly(devId);
        assertThat(ok(admin.get("/v3/accounts/" + subId + "/devices/" + devName))
                        .get("id")
                        .asText())
                .isEqualTo(devId);
        // the master's own view does not contain it
        assertThat(field(page(admin.get("/v3/devices?pageSize=1000")).get("results"), "id"))
                .doesNotContain(devId);
        error(admin.get("/v3/devices/" + devId), 404, "ResourceNotFound");
        // other resources of the sub-account too
        ok(admin.post(
                "/v3/accounts/" + subId + "/deviceprofiles",
                Map.of("name", unique("subprof"), "baseProfile", "Device")));
        page(admin.get("/v3/accounts/" + subId + "/users"));
    }

    @Test
    void unrelatedAccountsEntities_areNotFound() {
        JsonNode other = createMaster(unique("Stranger"));
        Http stranger = admin.as(other.get("apikey"));
        String otherId = other.get("id").asText();
        JsonNode strangerSub = createSub(stranger, unique("StrangerSub"));
        JsonNode dev = createDevice(stranger, "/v3", unique("stranger-dev"));
        String devId = dev.get("id").asText();

        error(admin.get("/v3/accounts/" + otherId), 404, "ResourceNotFound");
        error(admin.get("/v3/accounts/" + otherId + "/devices"), 404, "ResourceNotFound");
        error(admin.get("/v3/accounts/" + strangerSub.get("id").asText() + "/devices"), 404, "ResourceNotFound");
        error(admin.get("/v3/accounts/" + strangerSub.get("id").asText()), 404, "ResourceNotFound");
        error(admin.get("/v3/devices/" + devId), 404, "ResourceNotFound");
        error(admin.delete("/v3/devices/" + devId), 404, "ResourceNotFound");
        error(admin.put("/v3/accounts/" + otherId, Map.of("friendlyName", "x")), 404, "ResourceNotFound");
        error(admin.delete("/v3/accounts/" + strangerSub.get("id").asText()), 404, "ResourceNotFound");
        // still intact for its owner
        ok(stranger.get("/v3/devices/" + devId));
    }

    @Test
    void everyResource_isTheSameUnderAccountsThis() {
        createSub(admin, unique("Same"));
        createDevice(admin, "/v3/accounts/_this_", unique("same-dev"));
        ok(admin.post("/v3/accounts/_this_/apiclients", Map.of("name", unique("same-client"))));
        ok(admin.post("/v3/accounts/_this_/users", Map.of("email", uniqueEmail("same"))));
        ok(admin.post(
                "/v3/accounts/_this_/deviceprofiles", Map.of("name", unique("same-prof"), "baseProfile", "Device")));
        for (String res : List.of("accounts", "users", "apiclients", "deviceprofiles", "devices")) {
            JsonNode short_ = page(admin.get("/v3/" + res + "?pageSize=1000"));
            JsonNode long_ = page(admin.get("/v3/accounts/_this_/" + res + "?pageSize=1000"));
            JsonNode byId = page(admin.get("/v3/accounts/" + mainId + "/" + res + "?pageSize=1000"));
            assertThat(long_).as(res).isEqualTo(short_);
            assertThat(byId).as(res).isEqualTo(short_);
            assertThat(short_.get("total").asInt()).as(res).isGreaterThan(0);
            String firstId = short_.get("results").get(0).get("id").asText();
            assertThat(ok(admin.get("/v3/accounts/_this_/" + res + "/" + firstId)))
                    .as(res)
                    .isEqualTo(ok(admin.get("/v3/" + res + "/" + firstId)));
        }
    }

    @Test
    void sysadmin_createsAMasterAccountWithAnAdminUserAndAWorkingKey() {
        String name = unique("Master");
        JsonNode created = createMaster(name);
        String id = created.get("id").asText();
        assertThat(id).startsWith("_acc_");
        assertThat(created.get("ownerId").isNull()).isTrue();
        assertThat(created.get("user").get("role").asText()).isEqualTo("admin");
        assertThat(created.get("user").get("accountId").asText()).isEqualTo(id);
        JsonNode key = created.get("apikey");
        assertThat(key.get("secret").asText()).matches("[0-9a-f]{32}");
        assertThat(key.get("context").get("type").asText()).isEqualTo("account");

        Http owner = admin.as(key);
        JsonNode self = ok(owner.get("/v3/accounts/_this_"));
        assertThat(self.get("name").asText()).isEqualTo(name);
        ok(owner.post("/v3/devices", Map.of("name", unique("m-dev"), "profile", "Device")));
        assertThat(page(owner.get("/v3/users")).get("total").asInt()).isEqualTo(1);

        JsonNode masters = page(server.sysadmin().get("/v3/sys/accounts?pageSize=1000"));
        assertThat(field(masters.get("results"), "id")).contains(id, mainId);
        assertThat(ok(server.sysadmin().get("/v3/sys/accounts/" + id))
                        .get("name")
                        .asText())
                .isEqualTo(name);
    }

    @Test
    void sysadmin_masterAccountWithoutUserOrWithTakenName_is400Or409() {
        String msg = error(
                server.sysadmin().post("/v3/sys/accounts", Map.of("name", unique("NoUser"))), 400, "ValidationFailed");
        assertThat(msg).contains("user");
        error(
                server.sysadmin()
                        .post("/v3/sys/accounts", Map.of("name", "MAIN", "user", Map.of("email", uniqueEmail("m")))),
                409,
                "NameAlreadyTaken");
    }

    @Test
    void sysResources_rejectANonSysadminKey() {
        error(admin.get("/v3/sys/accounts"), 401, null);
        error(
                admin.post(
                        "/v3/sys/accounts", Map.of("name", unique("Nope"), "user", Map.of("email", uniqueEmail("n")))),
                401,
                null);
        error(admin.get("/v3/sys/accounts/" + mainId), 401, null);
    }

    @Test
    void sysadminKey_isRejectedOnAccountResources() {
        Http sys = server.sysadmin();
        error(sys.get("/v3/devices"), 401, null);
        error(sys.get("/v3/accounts/_this_"), 401, null);
        error(sys.get("/v3/accounts/" + mainId + "/users"), 401, null);
        error(sys.post("/v3/accounts", Map.of("name", unique("SysSub"))), 401, null);
    }

    @Test
    void paging_hasTheConnioShapeAndHonoursPageSizePageNoAndSkip() {
        Http owner = admin.as(createMaster(unique("Pager")).get("apikey"));
        for (int i = 0; i < 5; i++) {
            createSub(owner, unique("Pg"));
        }
        JsonNode all = page(owner.get("/v3/accounts"));
        assertThat(all.get("total").asInt()).isEqualTo(5);
        assertThat(all.get("itemCount").asInt()).isEqualTo(5);
        assertThat(all.get("numOfPages").asInt()).isEqualTo(1);
        assertThat(all.get("pageNo").asInt()).isEqualTo(1);
        assertThat(all.get("skip").asInt()).isZero();
        List<String> ids = field(all.get("results"), "id");

        JsonNode p1 = page(owner.get("/v3/accounts?pageSize=2"));
        assertThat(p1.get("total").asInt()).isEqualTo(5);
        assertThat(p1.get("itemCount").asInt()).isEqualTo(2);
        assertThat(p1.get("numOfPages").asInt()).isEqualTo(3);
        assertThat(p1.get("pageNo").asInt()).isEqualTo(1);
        assertThat(field(p1.get("results"), "id")).isEqualTo(ids.subList(0, 2));

        JsonNode p3 = page(owner.get("/v3/accounts?pageSize=2&pageNo=3"));
        assertThat(p3.get("itemCount").asInt()).isEqualTo(1);
        assertThat(p3.get("pageNo").asInt()).isEqualTo(3);
        assertThat(field(p3.get("results"), "id")).isEqualTo(ids.subList(4, 5));

        JsonNode alias = page(owner.get("/v3/accounts?PageSize=2&page=2"));
        assertThat(alias.get("pageNo").asInt()).isEqualTo(2);
        assertThat(field(alias.get("results"), "id")).isEqualTo(ids.subList(2, 4));
        JsonNode alias2 = page(owner.get("/v3/accounts?pageSize=2&Page=2"));
        assertThat(field(alias2.get("results"), "id")).isEqualTo(ids.subList(2, 4));

        JsonNode skipped = page(owner.get("/v3/accounts?skip=1&pageSize=2"));
        assertThat(skipped.get("skip").asInt()).isEqualTo(1);
        assertThat(skipped.get("total").asInt()).isEqualTo(5);
        assertThat(field(skipped.get("results"), "id")).isEqualTo(ids.subList(1, 3));

        JsonNode beyond = page(owner.get("/v3/accounts?pageSize=2&pageNo=9"));
        assertThat(beyond.get("itemCount").asInt()).isZero();
        assertThat(beyond.get("total").asInt()).isEqualTo(5);

        JsonNode max = page(owner.get("/v3/accounts?pageSize=1000"));
        assertThat(max.get("itemCount").asInt()).isEqualTo(5);
    }

    @Test
    void paging_invalidParameters_are400ValidationFailed() {
        for (String q : List.of("pageSize=0", "pageSize=1001", "pageNo=0", "pageSize=abc", "pageNo=x", "skip=-1")) {
            for (String res : List.of("accounts", "users", "apiclients", "devices", "deviceprofiles")) {
                Http.Resp r = admin.get("/v3/" + res + "?" + q);
                String msg = error(r, 400, "ValidationFailed");
                assertThat(msg).as(q).contains("'" + q.substring(0, q.indexOf('=')) + "'");
            }
        }
    }
}
