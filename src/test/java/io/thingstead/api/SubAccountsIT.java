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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sub-accounts: creation, names, locking, who may manage them, listing and update, suspend, close and hard
 * delete, the three-level limit, and managing a sub-account's resources under {@code /v3/accounts/{id}}.
 */
class SubAccountsIT extends AccountsItBase {

    @Test
    void createSubAccount_isOwnedByTheCallerAndCanBeReadByIdAndName() {
        String name = unique("Sub");
        JsonNode sub = createSub(admin, name);
        assertThat(sub.get("id").asText()).startsWith("_acc_");
        assertThat(sub.get("ownerId").asText()).isEqualTo(mainId);
        assertThat(sub.get("status").asText()).isEqualTo("open");
        assertThat(sub.has("plan")).isTrue();

        String id = sub.get("id").asText();
        assertThat(body(admin.get("/v3/accounts/" + id)).get("name").asText()).isEqualTo(name);
        assertThat(body(admin.get("/v3/accounts/" + name.toUpperCase()))
                        .get("id")
                        .asText())
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
        JsonNode self = body(subAdmin.get("/v3/accounts/_this_"));
        assertThat(self.get("id").asText()).isEqualTo(created.get("id").asText());
        assertThat(self.get("ownerId").asText()).isEqualTo(mainId);
        // the sub-account cannot see its owner
        errorMessage(subAdmin.get("/v3/accounts/" + mainId), 404, "ResourceNotFound");
    }

    @Test
    void createSubAccount_nameTaken_is409EvenInAnotherCase() {
        String name = unique("Taken");
        createSub(admin, name);
        errorMessage(admin.post("/v3/accounts", Map.of("name", name)), 409, "NameAlreadyTaken");
        errorMessage(admin.post("/v3/accounts", Map.of("name", name.toLowerCase())), 409, "NameAlreadyTaken");
        // names are system-wide: another tenant cannot take it either
        Http other = admin.as(createMaster(unique("OtherTenant")).get("apikey"));
        errorMessage(other.post("/v3/accounts", Map.of("name", name.toUpperCase())), 409, "NameAlreadyTaken");
    }

    @Test
    void createSubAccount_withoutName_is400NamingName() {
        String msg = errorMessage(admin.post("/v3/accounts", Map.of("friendlyName", "x")), 400, "ValidationFailed");
        assertThat(msg).contains("name");
        errorMessage(admin.post("/v3/accounts", Map.of("name", "1startsWithDigit")), 400, "ValidationFailed");
    }

    @Test
    void createSubAccount_withATakenUserEmail_is409AndCreatesNothing() {
        String email = body(admin.post("/v3/users", Map.of("email", uniqueEmail("taken"))))
                .get("email")
                .asText();
        String name = unique("EmailTaken");
        errorMessage(
                admin.post("/v3/accounts", Map.of("name", name, "user", Map.of("email", email))),
                409,
                "NameAlreadyTaken");
        errorMessage(admin.get("/v3/accounts/" + name), 404, "ResourceNotFound");
        createSub(admin, name);
    }

    @Test
    void lockedSubAccount_cannotBeModifiedOrClosedUntilUnlocked() {
        String id = createSub(admin, unique("Locked")).get("id").asText();
        assertThat(body(admin.put("/v3/accounts/" + id, Map.of("locked", true)))
                        .get("locked")
                        .asBoolean())
                .isTrue();
        errorMessage(admin.put("/v3/accounts/" + id, Map.of("friendlyName", "x")), 403, "EntityLocked");
        errorMessage(admin.delete("/v3/accounts/" + id), 403, "EntityLocked");
        errorMessage(admin.delete("/v3/accounts/" + id + "?hard=true"), 403, "EntityLocked");
        assertThat(body(admin.get("/v3/accounts/" + id)).get("status").asText()).isEqualTo("open");
        body(admin.put("/v3/accounts/" + id, Map.of("locked", false)));
        deletedOne(admin.delete("/v3/accounts/" + id));
    }

    @Test
    void subAccountManagement_followsTheCallersRole() {
        Http power = admin.as(Fixtures.userKey(admin, "/v3", "power"));
        String id = createSub(power, unique("ByPower")).get("id").asText();
        assertThat(errorMessage(power.delete("/v3/accounts/" + id), 401, "MissingScope"))
                .contains("subaccount:delete");
        errorMessage(power.put("/v3/accounts/_this_", Map.of("friendlyName", "x")), 401, "MissingScope");

        Http guest = admin.as(Fixtures.userKey(admin, "/v3", "guest"));
        body(guest.get("/v3/accounts/_this_"));
        errorMessage(guest.get("/v3/accounts"), 401, "MissingScope");
        errorMessage(guest.post("/v3/accounts", Map.of("name", unique("ByGuest"))), 401, "MissingScope");
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
        String msg = errorMessage(admin.get("/v3/accounts?status=deleted"), 400, "ValidationFailed");
        assertThat(msg).contains("status");
    }

    @Test
    void updateSubAccount_changesItsFields() {
        String id = createSub(admin, unique("Upd")).get("id").asText();
        String newName = unique("Renamed");
        JsonNode updated = body(admin.put(
                "/v3/accounts/" + id, Map.of("name", newName, "friendlyName", "Renamed one", "description", "d")));
        assertThat(updated.get("name").asText()).isEqualTo(newName);
        assertThat(updated.get("friendlyName").asText()).isEqualTo("Renamed one");
        JsonNode read = body(admin.get("/v3/accounts/" + newName));
        assertThat(read.get("id").asText()).isEqualTo(id);
        assertThat(read.get("description").asText()).isEqualTo("d");
    }

    @Test
    void updateSubAccount_toANameTaken_is409() {
        String taken = createSub(admin, unique("UpdTaken")).get("name").asText();
        String id = createSub(admin, unique("UpdOther")).get("id").asText();
        errorMessage(admin.put("/v3/accounts/" + id, Map.of("name", taken)), 409, "NameAlreadyTaken");
    }

    @Test
    void suspendSubAccount_itsKeysGet401() {
        JsonNode created = createSubWithAdmin(admin, unique("Suspend"));
        Http subAdmin = admin.as(created.get("apikey"));
        body(subAdmin.get("/v3/accounts/_this_"));
        JsonNode updated = body(admin.put("/v3/accounts/" + created.get("id").asText(), Map.of("status", "suspended")));
        assertThat(updated.get("status").asText()).isEqualTo("suspended");
        errorMessage(subAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
        body(admin.put("/v3/accounts/" + created.get("id").asText(), Map.of("status", "open")));
        body(subAdmin.get("/v3/accounts/_this_"));
    }

    @Test
    void closeSubAccount_revokesItsKeys() {
        JsonNode created = createSubWithAdmin(admin, unique("Close"));
        String id = created.get("id").asText();
        Http subAdmin = admin.as(created.get("apikey"));
        body(subAdmin.get("/v3/devices"));

        deletedOne(admin.delete("/v3/accounts/" + id));

        assertThat(body(admin.get("/v3/accounts/" + id)).get("status").asText()).isEqualTo("closed");
        errorMessage(subAdmin.get("/v3/devices"), 401, "Unauthorized");
        errorMessage(subAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
    }

    @Test
    void closeSubAccount_alsoShutsOutItsOwnSubAccounts() {
        JsonNode sub = createSubWithAdmin(admin, unique("CloseParent"));
        Http subAdmin = admin.as(sub.get("apikey"));
        JsonNode grandChild = createSubWithAdmin(subAdmin, unique("CloseChild"));
        Http grandAdmin = admin.as(grandChild.get("apikey"));
        body(grandAdmin.get("/v3/accounts/_this_"));

        deletedOne(admin.delete("/v3/accounts/" + sub.get("id").asText()));

        errorMessage(grandAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
    }

    @Test
    void hardDeleteSubAccount_removesItAndItsEntities() {
        JsonNode created = createSubWithAdmin(admin, unique("Hard"));
        String id = created.get("id").asText();
        String name = created.get("name").asText();
        Http subAdmin = admin.as(created.get("apikey"));
        Fixtures.device(subAdmin, "/v3", Fixtures.deviceBody(unique("hard-dev"), "ConnectedDevice"));

        deletedOne(admin.delete("/v3/accounts/" + id + "?hard=true"));

        errorMessage(admin.get("/v3/accounts/" + id), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/accounts/" + id + "/devices"), 404, "ResourceNotFound");
        errorMessage(subAdmin.get("/v3/accounts/_this_"), 401, "Unauthorized");
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
        errorMessage(admin.get("/v3/accounts/" + id), 404, "ResourceNotFound");
    }

    @Test
    void deleteUnknownSubAccount_is404() {
        errorMessage(admin.delete("/v3/accounts/_acc_123456789012345678"), 404, "ResourceNotFound");
    }

    @Test
    void subAccounts_areAtMostThreeLevelsDeep() {
        JsonNode level2 = createSubWithAdmin(admin, unique("L2"));
        Http level2Admin = admin.as(level2.get("apikey"));
        JsonNode level3 = createSubWithAdmin(level2Admin, unique("L3"));
        assertThat(level3.get("ownerId").asText()).isEqualTo(level2.get("id").asText());
        Http level3Admin = admin.as(level3.get("apikey"));

        String name = unique("L4");
        String msg = errorMessage(level3Admin.post("/v3/accounts", Map.of("name", name)), 400, "ValidationFailed");
        assertThat(msg).contains("3");
        // nothing was created: the name is still free
        createSub(admin, name);
    }

    @Test
    void parentAdmin_createsThirdLevelThroughSubAccountPath() {
        JsonNode level2 = createSub(admin, unique("PL2"));
        JsonNode level3 = body(
                admin.post("/v3/accounts/" + level2.get("id").asText() + "/accounts", Map.of("name", unique("PL3"))));
        assertThat(level3.get("ownerId").asText()).isEqualTo(level2.get("id").asText());
        // grandchildren are not managed by the master's users
        errorMessage(admin.get("/v3/accounts/" + level3.get("id").asText() + "/devices"), 404, "ResourceNotFound");
    }

    @Test
    void subAccountAddressing_parentAdminKeyManagesTheSubAccountsDevices() {
        JsonNode sub = createSub(admin, unique("Addr"));
        String subId = sub.get("id").asText();
        String subName = sub.get("name").asText();
        String devName = unique("sub-dev");

        JsonNode dev = Fixtures.device(admin, "/v3/accounts/" + subId, Fixtures.deviceBody(devName, "ConnectedDevice"));
        assertThat(dev.get("accountId").asText()).isEqualTo(subId);
        String devId = dev.get("id").asText();

        assertThat(field(page(admin.get("/v3/accounts/" + subName + "/devices")).get("results"), "id"))
                .containsExactly(devId);
        assertThat(body(admin.get("/v3/accounts/" + subId + "/devices/" + devName))
                        .get("id")
                        .asText())
                .isEqualTo(devId);
        // the master's own view does not contain it
        assertThat(field(page(admin.get("/v3/devices?pageSize=1000")).get("results"), "id"))
                .doesNotContain(devId);
        errorMessage(admin.get("/v3/devices/" + devId), 404, "ResourceNotFound");
        // other resources of the sub-account too
        body(admin.post(
                "/v3/accounts/" + subId + "/deviceprofiles",
                Map.of("name", unique("subprof"), "baseProfile", "Device")));
        page(admin.get("/v3/accounts/" + subId + "/users"));
    }
}
