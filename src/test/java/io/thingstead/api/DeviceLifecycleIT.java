package io.thingstead.api;

import static io.thingstead.api.DeviceItSupport.assertInvalid;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.deviceBody;
import static io.thingstead.testing.Fixtures.subAccount;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading, partial updates, deletes of devices, and account isolation. */
class DeviceLifecycleIT extends DevicesItBase {
    // ---- read ------------------------------------------------------------------------------

    @Test
    void get_findsTheDeviceByIdAndByNameInAnyCase() {
        JsonNode d =
                create(deviceBody(unique("Kitchen.Sensor"), profile.get("name").asText()));
        String name = d.get("name").asText();

        assertThat(body(admin.get("/v3/devices/" + d.get("id").asText()))).isEqualTo(d);
        assertThat(body(admin.get("/v3/devices/" + name))).isEqualTo(d);
        assertThat(body(admin.get("/v3/devices/" + name.toUpperCase()))).isEqualTo(d);
        assertThat(body(admin.get("/v3/devices/" + name.toLowerCase()))).isEqualTo(d);
        assertThat(body(admin.get("/v3/accounts/_this_/devices/" + name))).isEqualTo(d);
    }

    @Test
    void get_unknownDevice_is404ResourceNotFound() {
        ApiAssert.error(admin.get("/v3/devices/no-such-device"), 404, "ResourceNotFound");
        ApiAssert.error(admin.get("/v3/devices/_dev_999999999999999999"), 404, "ResourceNotFound");
    }

    @Test
    void devices_withoutCredentials_is401() {
        ApiAssert.error(admin.anonymous().get("/v3/devices"), 401);
        ApiAssert.error(
                admin.as(new Http.Key("_key_1", "00000000000000000000000000000000"))
                        .get("/v3/devices"),
                401);
    }

    @Test
    void create_withMalformedJson_is400() {
        ApiAssert.error(admin.post("/v3/devices", "{\"name\": "), 400);
        ApiAssert.error(admin.post("/v3/devices", "\"just a string\""), 400);
    }

    // ---- update ----------------------------------------------------------------------------

    @Test
    void update_changesOnlyTheFieldsSentAndKeepsTheRest() {
        ObjectNode body = newDevice()
                .put("friendlyName", "Before")
                .put("description", "kept")
                .put("period", 60)
                .put("timezone", "UTC");
        body.putArray("tags").add("a");
        body.putObject("customIds").put("sn", unique("SN"));
        JsonNode d = create(body);
        String path = "/v3/devices/" + d.get("id").asText();

        JsonNode u = body(admin.put(
                path, DeviceItSupport.obj("{'friendlyName':'After','tags':['b','c'],'annotateWithLoc':true}")));

        assertThat(u.get("friendlyName").asText()).isEqualTo("After");
        assertThat(u.get("tags")).isEqualTo(Http.json("['b','c']"));
        assertThat(u.get("annotateWithLoc").asBoolean()).isTrue();
        for (String kept : List.of(
                "id",
                "accountId",
                "name",
                "profileId",
                "description",
                "period",
                "customIds",
                "timezone",
                "status",
                "annotateWithMeta",
                "location",
                "locked",
                "dateCreated")) {
            assertThat(u.get(kept)).as(kept).isEqualTo(d.get(kept));
        }
        assertThat(Instant.parse(u.get("dateModified").asText()))
                .isAfterOrEqualTo(Instant.parse(d.get("dateModified").asText()));
        assertThat(body(admin.get(path))).isEqualTo(u);
    }

    @Test
    void update_renames_theNewNameFindsItAndTheOldOneNoLonger() {
        JsonNode d = create(newDevice());
        String newName = unique("renamed");

        body(admin.put(
                "/v3/devices/" + d.get("name").asText(),
                Http.JSON.createObjectNode().put("name", newName)));

        assertThat(body(admin.get("/v3/devices/" + newName)).get("id")).isEqualTo(d.get("id"));
        ApiAssert.error(admin.get("/v3/devices/" + d.get("name").asText()), 404, "ResourceNotFound");
    }

    @Test
    void update_unknownDevice_is404() {
        ApiAssert.error(
                admin.put("/v3/devices/no-such-device", Http.json("{'friendlyName':'x'}")), 404, "ResourceNotFound");
    }

    @Test
    void update_withTheWholeDeviceAsReadBack_isAcceptedAndChangesNothingButDateModified() {
        ObjectNode body = newDevice().put("friendlyName", "Round trip").put("period", 5);
        body.putObject("customIds").put("sn", unique("SN"));
        body.set("location", DeviceItSupport.obj("{'zone':'z','geo':{'lat':1,'lon':2}}"));
        JsonNode d = create(body);
        String path = "/v3/devices/" + d.get("id").asText();

        JsonNode u = body(admin.put(path, d));

        ObjectNode expected = d.deepCopy();
        expected.set("dateModified", u.get("dateModified"));
        assertThat(u).isEqualTo(expected);
    }

    @Test
    void update_namingItsOwnProfileByNameOrId_isAccepted_anotherProfileIs400() {
        JsonNode d = create(newDevice());
        String path = "/v3/devices/" + d.get("id").asText();

        body(admin.put(
                path,
                Http.JSON
                        .createObjectNode()
                        .put("profile", profile.get("name").asText().toLowerCase())));
        body(admin.put(
                path,
                Http.JSON.createObjectNode().put("profile", profile.get("id").asText())));
        assertInvalid(admin.put(path, Http.JSON.createObjectNode().put("profile", "Gateway")), "profile");
        assertThat(body(admin.get(path)).get("profileId")).isEqualTo(profile.get("id"));
    }

    @Test
    void lockedDevice_cannotBeModifiedOrDeleted_untilUnlocked() {
        JsonNode d = create(newDevice().put("locked", true));
        String path = "/v3/devices/" + d.get("id").asText();

        ApiAssert.error(admin.put(path, Http.json("{'friendlyName':'x'}")), 403);
        ApiAssert.error(admin.delete(path), 403);
        assertThat(body(admin.put(path, Http.json("{'locked':false}")))
                        .get("locked")
                        .asBoolean())
                .isFalse();
        assertThat(body(admin.delete(path)).get("nrOfItems").asInt()).isEqualTo(1);
    }

    @Test
    void update_withAnArrayOrNonObjectBody_is400() {
        JsonNode d = create(newDevice());

        ApiAssert.error(admin.put("/v3/devices/" + d.get("id").asText(), "[]"), 400);
        ApiAssert.error(admin.put("/v3/devices/" + d.get("id").asText(), "42"), 400);
    }

    // ---- delete ----------------------------------------------------------------------------

    @Test
    void delete_answersNrOfItemsOne_thenTheDeviceIsGoneAndItsKeyStopsWorking() {
        JsonNode d = create(newDevice());
        String path = "/v3/devices/" + d.get("id").asText();
        JsonNode key = body(admin.get(path + "/apikey"));
        body(admin.as(key).get("/v3/devices/_this_"));

        JsonNode deleted = body(admin.delete(path));

        assertThat(deleted).isEqualTo(Http.json("{'nrOfItems':1}"));
        ApiAssert.error(admin.get(path), 404, "ResourceNotFound");
        ApiAssert.error(admin.get("/v3/devices/" + d.get("name").asText()), 404, "ResourceNotFound");
        ApiAssert.error(admin.delete(path), 404, "ResourceNotFound");
        ApiAssert.error(admin.as(key).get("/v3/devices/_this_"), 401);
    }

    @Test
    void delete_byName_freesTheNameAndCustomIdsForReuse() {
        String sn = unique("SN");
        ObjectNode body = newDevice();
        body.putObject("customIds").put("sn", sn);
        JsonNode d = create(body);

        body(admin.delete("/v3/devices/" + d.get("name").asText().toUpperCase()));

        JsonNode again = create(body.deepCopy());
        assertThat(again.get("id").asText()).isNotEqualTo(d.get("id").asText());
    }

    // ---- isolation -------------------------------------------------------------------------

    @Test
    void anotherAccountsDevice_isNotFound() {
        String sub = subAccount(admin);
        String subPath = "/v3/accounts/" + sub;
        JsonNode subProfile = Fixtures.profile(admin, subPath, unique("P"), null);
        JsonNode foreign = Fixtures.device(
                admin, subPath, deviceBody(unique("dev"), subProfile.get("id").asText()));
        String id = foreign.get("id").asText();
        String name = foreign.get("name").asText();

        assertThat(foreign.get("accountId").asText()).isEqualTo(sub);
        assertThat(body(admin.get(subPath + "/devices/" + id))).isEqualTo(foreign);
        ApiAssert.error(admin.get("/v3/devices/" + id), 404, "ResourceNotFound");
        ApiAssert.error(admin.get("/v3/devices/" + name), 404, "ResourceNotFound");
        ApiAssert.error(admin.put("/v3/devices/" + id, Http.json("{'friendlyName':'x'}")), 404, "ResourceNotFound");
        ApiAssert.error(admin.delete("/v3/devices/" + id), 404, "ResourceNotFound");
        ApiAssert.error(admin.get("/v3/devices/" + id + "/apikey"), 404, "ResourceNotFound");
        ApiAssert.error(admin.post("/v3/devices/" + id + "/apikey", null), 404, "ResourceNotFound");
        assertThat(body(admin.get(subPath + "/devices/" + id))).isEqualTo(foreign);
    }

    @Test
    void aSubAccountMayUseADeviceNameTakenInItsParent() {
        JsonNode here = create(newDevice());
        String sub = subAccount(admin);
        JsonNode subProfile = Fixtures.profile(admin, "/v3/accounts/" + sub, unique("P"), null);

        JsonNode there = Fixtures.device(
                admin,
                "/v3/accounts/" + sub,
                deviceBody(here.get("name").asText(), subProfile.get("name").asText()));

        assertThat(there.get("id").asText()).isNotEqualTo(here.get("id").asText());
    }
}
