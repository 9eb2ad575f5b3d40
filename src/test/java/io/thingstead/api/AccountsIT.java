package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
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

/**
 * The caller's own account, master accounts made by the sysadmin, isolation between tenants, addressing under
 * {@code /v3/accounts/_this_}, and paging.
 */
class AccountsIT extends AccountsItBase {

    @Test
    void getThisAccount_returnsTheCallersMasterAccountWithEveryField() {
        JsonNode a = body(admin.get("/v3/accounts/_this_"));
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
        assertThat(body(admin.get("/v3/accounts/main")).get("id").asText())
                .isEqualTo(a.get("id").asText());
        assertThat(body(admin.get("/v3/accounts/" + a.get("id").asText()))
                        .get("id")
                        .asText())
                .isEqualTo(a.get("id").asText());
    }

    @Test
    void putThisAccount_updatesItsDescriptiveFields() {
        String friendly = unique("Main Friendly");
        JsonNode updated = body(admin.put(
                "/v3/accounts/_this_",
                Map.of("friendlyName", friendly, "description", "the main account", "tags", List.of("a", "b"))));
        assertThat(updated.get("friendlyName").asText()).isEqualTo(friendly);
        JsonNode read = body(admin.get("/v3/accounts/_this_"));
        assertThat(read.get("friendlyName").asText()).isEqualTo(friendly);
        assertThat(read.get("description").asText()).isEqualTo("the main account");
        assertThat(field(read.get("tags"), "x")).hasSize(2);
        assertThat(read.get("name").asText()).isEqualTo("main");
    }

    @Test
    void putThisAccount_cannotCloseAMasterAccount() {
        errorMessage(admin.put("/v3/accounts/_this_", Map.of("status", "closed")), 403, "Forbidden");
        assertThat(body(admin.get("/v3/accounts/_this_")).get("status").asText())
                .isEqualTo("open");
    }

    @Test
    void putThisAccount_invalidStatus_is400NamingStatus() {
        String msg = errorMessage(admin.put("/v3/accounts/_this_", Map.of("status", "bogus")), 400, "ValidationFailed");
        assertThat(msg).contains("status");
    }

    @Test
    void unrelatedAccountsEntities_areNotFound() {
        JsonNode other = createMaster(unique("Stranger"));
        Http stranger = admin.as(other.get("apikey"));
        String otherId = other.get("id").asText();
        JsonNode strangerSub = createSub(stranger, unique("StrangerSub"));
        JsonNode dev = Fixtures.device(stranger, "/v3", Fixtures.deviceBody(unique("stranger-dev"), "ConnectedDevice"));
        String devId = dev.get("id").asText();

        errorMessage(admin.get("/v3/accounts/" + otherId), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/accounts/" + otherId + "/devices"), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/accounts/" + strangerSub.get("id").asText() + "/devices"), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/accounts/" + strangerSub.get("id").asText()), 404, "ResourceNotFound");
        errorMessage(admin.get("/v3/devices/" + devId), 404, "ResourceNotFound");
        errorMessage(admin.delete("/v3/devices/" + devId), 404, "ResourceNotFound");
        errorMessage(admin.put("/v3/accounts/" + otherId, Map.of("friendlyName", "x")), 404, "ResourceNotFound");
        errorMessage(admin.delete("/v3/accounts/" + strangerSub.get("id").asText()), 404, "ResourceNotFound");
        // still intact for its owner
        body(stranger.get("/v3/devices/" + devId));
    }

    @Test
    void everyResource_isTheSameUnderAccountsThis() {
        createSub(admin, unique("Same"));
        Fixtures.device(admin, "/v3/accounts/_this_", Fixtures.deviceBody(unique("same-dev"), "ConnectedDevice"));
        body(admin.post("/v3/accounts/_this_/apiclients", Map.of("name", unique("same-client"))));
        body(admin.post("/v3/accounts/_this_/users", Map.of("email", uniqueEmail("same"))));
        body(admin.post(
                "/v3/accounts/_this_/deviceprofiles", Map.of("name", unique("same-prof"), "baseProfile", "Device")));
        for (String res : List.of("accounts", "users", "apiclients", "deviceprofiles", "devices")) {
            JsonNode short_ = page(admin.get("/v3/" + res + "?pageSize=1000"));
            JsonNode long_ = page(admin.get("/v3/accounts/_this_/" + res + "?pageSize=1000"));
            JsonNode byId = page(admin.get("/v3/accounts/" + mainId + "/" + res + "?pageSize=1000"));
            assertThat(long_).as(res).isEqualTo(short_);
            assertThat(byId).as(res).isEqualTo(short_);
            assertThat(short_.get("total").asInt()).as(res).isGreaterThan(0);
            String firstId = short_.get("results").get(0).get("id").asText();
            assertThat(body(admin.get("/v3/accounts/_this_/" + res + "/" + firstId)))
                    .as(res)
                    .isEqualTo(body(admin.get("/v3/" + res + "/" + firstId)));
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
        JsonNode self = body(owner.get("/v3/accounts/_this_"));
        assertThat(self.get("name").asText()).isEqualTo(name);
        Fixtures.device(owner, "/v3", "Device");
        assertThat(page(owner.get("/v3/users")).get("total").asInt()).isEqualTo(1);

        JsonNode masters = page(server.sysadmin().get("/v3/sys/accounts?pageSize=1000"));
        assertThat(field(masters.get("results"), "id")).contains(id, mainId);
        assertThat(body(server.sysadmin().get("/v3/sys/accounts/" + id))
                        .get("name")
                        .asText())
                .isEqualTo(name);
    }

    @Test
    void sysadmin_masterAccountWithoutUserOrWithTakenName_is400Or409() {
        String msg = errorMessage(
                server.sysadmin().post("/v3/sys/accounts", Map.of("name", unique("NoUser"))), 400, "ValidationFailed");
        assertThat(msg).contains("user");
        errorMessage(
                server.sysadmin()
                        .post("/v3/sys/accounts", Map.of("name", "MAIN", "user", Map.of("email", uniqueEmail("m")))),
                409,
                "NameAlreadyTaken");
    }

    @Test
    void sysResources_rejectANonSysadminKey() {
        errorMessage(admin.get("/v3/sys/accounts"), 401, null);
        errorMessage(
                admin.post(
                        "/v3/sys/accounts", Map.of("name", unique("Nope"), "user", Map.of("email", uniqueEmail("n")))),
                401,
                null);
        errorMessage(admin.get("/v3/sys/accounts/" + mainId), 401, null);
    }

    @Test
    void sysadminKey_isRejectedOnAccountResources() {
        Http sys = server.sysadmin();
        errorMessage(sys.get("/v3/devices"), 401, null);
        errorMessage(sys.get("/v3/accounts/_this_"), 401, null);
        errorMessage(sys.get("/v3/accounts/" + mainId + "/users"), 401, null);
        errorMessage(sys.post("/v3/accounts", Map.of("name", unique("SysSub"))), 401, null);
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
                String msg = errorMessage(r, 400, "ValidationFailed");
                assertThat(msg).as(q).contains("'" + q.substring(0, q.indexOf('=')) + "'");
            }
        }
    }
}
