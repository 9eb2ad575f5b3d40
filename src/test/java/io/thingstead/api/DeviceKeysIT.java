package io.thingstead.api;

import static io.thingstead.api.DeviceItSupport.assertInvalid;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.deviceBody;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.subAccount;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device keys: created with the device, regenerated, what they reach and what they may not be granted. */
class DeviceKeysIT extends DeviceKeysItBase {

    @Test
    void deviceKey_isCreatedWithTheDevice_withDeviceContextAndDataScopes() {
        JsonNode d = newDevice(connected);

        JsonNode key = keyOf(d);

        List<String> fields = new ArrayList<>();
        key.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "id",
                        "secret",
                        "ownerId",
                        "accountId",
                        "context",
                        "scope",
                        "rateLimit",
                        "dateCreated",
                        "dateModified");
        assertThat(key.get("id").asText()).matches("_key_\\d{18,19}");
        assertThat(key.get("secret").asText()).matches("[0-9a-f]{32}");
        assertThat(key.get("ownerId").asText()).isEqualTo(id(d));
        assertThat(key.get("accountId").asText()).isEqualTo(accountId);
        assertThat(key.get("context")).isEqualTo(Http.json("{'type':'device','ids':['" + id(d) + "']}"));
        List<String> scopes = new ArrayList<>();
        key.get("scope").forEach(s -> scopes.add(s.asText()));
        assertThat(scopes).contains("device:read-data", "device:write-data");
        assertThat(scopes).doesNotContain("device:create", "device:delete", "deviceprofile:read");
    }

    @Test
    void deviceKey_isReadableByDeviceName_andIsTheSameKey() {
        JsonNode d = newDevice(connected);

        assertThat(body(admin.get("/v3/devices/" + d.get("name").asText().toUpperCase() + "/apikey")))
                .isEqualTo(keyOf(d));
    }

    @Test
    void eachDevice_getsItsOwnKey() {
        JsonNode a = keyOf(newDevice(connected));
        JsonNode b = keyOf(newDevice(connected));

        assertThat(a.get("id")).isNotEqualTo(b.get("id"));
        assertThat(a.get("secret")).isNotEqualTo(b.get("secret"));
    }

    @Test
    void regenerate_issuesNewCredentials_oldOnesAre401_newOnesWork() {
        JsonNode d = newDevice(connected);
        JsonNode old = keyOf(d);

        JsonNode fresh = body(admin.post("/v3/devices/" + id(d) + "/apikey", null));

        assertThat(fresh.get("id")).isNotEqualTo(old.get("id"));
        assertThat(fresh.get("secret")).isNotEqualTo(old.get("secret"));
        assertThat(fresh.get("secret").asText()).matches("[0-9a-f]{32}");
        assertThat(fresh.get("context")).isEqualTo(old.get("context"));
        assertThat(fresh.get("scope")).isEqualTo(old.get("scope"));
        ApiAssert.error(admin.as(old).get("/v3/devices/_this_"), 401);
        assertThat(body(admin.as(fresh).get("/v3/devices/_this_")).get("id").asText())
                .isEqualTo(id(d));
        assertThat(keyOf(d)).isEqualTo(fresh);
    }

    @Test
    void deviceKey_readsItsOwnDeviceAsThisAndById() {
        JsonNode d = newDevice(connected);
        Http asDevice = admin.as(keyOf(d));

        assertThat(body(asDevice.get("/v3/devices/_this_"))).isEqualTo(d);
        assertThat(body(asDevice.get("/v3/devices/" + id(d)))).isEqualTo(d);
        assertThat(body(asDevice.get("/v3/accounts/_this_/devices/_this_"))).isEqualTo(d);
    }

    @Test
    void deviceKey_readsItsOwnKey() {
        JsonNode d = newDevice(connected);
        JsonNode key = keyOf(d);

        assertThat(body(admin.as(key).get("/v3/devices/_this_/apikey"))).isEqualTo(key);
    }

    @Test
    void deviceKey_getsNotFoundForAnotherDevice() {
        JsonNode d = newDevice(connected);
        JsonNode other = newDevice(connected);
        Http asDevice = admin.as(keyOf(d));

        ApiAssert.error(asDevice.get("/v3/devices/" + id(other)), 404, "ResourceNotFound");
        ApiAssert.error(asDevice.get("/v3/devices/" + other.get("name").asText()), 404, "ResourceNotFound");
        ApiAssert.error(asDevice.get("/v3/devices/" + id(other) + "/apikey"), 404, "ResourceNotFound");
        ApiAssert.error(asDevice.put("/v3/devices/" + id(other), Http.json("{'friendlyName':'x'}")), 404);
    }

    @Test
    void deviceKey_cannotListDevicesNorReadProfiles_401() {
        Http asDevice = admin.as(keyOf(newDevice(connected)));

        ApiAssert.error(asDevice.get("/v3/devices"), 401);
        ApiAssert.error(asDevice.get("/v3/deviceprofiles"), 401);
        ApiAssert.error(asDevice.get("/v3/deviceprofiles/" + id(connected)), 401);
    }

    @Test
    void deviceKey_cannotCreateOrDeleteDevices_401() {
        JsonNode d = newDevice(connected);
        Http asDevice = admin.as(keyOf(d));

        ApiAssert.error(asDevice.post("/v3/devices", deviceBody(unique("dev"), id(connected))), 401);
        ApiAssert.error(asDevice.delete("/v3/devices/" + id(d)), 401);
        body(admin.get("/v3/devices/" + id(d)));
    }

    @Test
    void deviceKey_ofAnotherAccount_getsNotFoundForThisAccountsDevices() {
        String sub = subAccount(admin);
        JsonNode subProfile = Fixtures.profile(admin, "/v3/accounts/" + sub, unique("P"), null);
        JsonNode foreign = Fixtures.device(admin, "/v3/accounts/" + sub, deviceBody(unique("dev"), id(subProfile)));
        JsonNode foreignKey = body(admin.get("/v3/accounts/" + sub + "/devices/" + id(foreign) + "/apikey"));
        JsonNode mine = newDevice(connected);

        assertThat(foreignKey.get("accountId").asText()).isEqualTo(sub);
        ApiAssert.error(admin.as(foreignKey).get("/v3/devices/" + id(mine)), 404, "ResourceNotFound");
        ApiAssert.error(admin.as(foreignKey).get("/v3/accounts/" + accountId + "/devices/" + id(mine)), 404);
    }

    @Test
    void deviceKey_cannotBeGrantedAccountScopes() {
        JsonNode d = newDevice(connected);

        Http.Resp r =
                admin.put("/v3/devices/" + id(d) + "/apikey", Http.json("{'scope':['device:read','device:create']}"));

        assertInvalid(r, "scope[1]");
        assertThat(keyOf(d).get("scope")).doesNotContain(Http.json("'device:create'"));
    }
}
