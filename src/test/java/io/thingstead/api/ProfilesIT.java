package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.assertError;
import static io.thingstead.testing.ApiAssert.ok;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Device profiles: the builtins and creating profiles with IS-A. */
class ProfilesIT extends ProfilesItBase {
    // ---- builtins

    @Test
    void builtinsAreListedWithTheirChainAndLocked() {
        JsonNode page = ok(api.get("/v3/deviceprofiles")).body();

        assertThat(names(page)).contains("Device", "ConnectedDevice", "Gateway");
        JsonNode device = byName(page, "Device");
        JsonNode connected = byName(page, "ConnectedDevice");
        JsonNode gateway = byName(page, "Gateway");
        assertThat(device.get("id").asText()).isEqualTo(DEVICE);
        assertThat(device.get("baseProfileId").isNull()).isTrue();
        assertThat(connected.get("baseProfileId").asText()).isEqualTo(DEVICE);
        assertThat(gateway.get("baseProfileId").asText()).isEqualTo(CONNECTED_DEVICE);
        for (JsonNode b : List.of(device, connected, gateway)) {
            assertEveryProfileField(b);
            assertThat(b.get("locked").asBoolean()).as(b.toString()).isTrue();
        }
    }

    @Test
    void builtinsAreVisibleToASubAccountToo() {
        String sub = subAccount();

        JsonNode page = ok(api.get("/v3/accounts/" + sub + "/deviceprofiles")).body();

        assertThat(names(page)).contains("Device", "ConnectedDevice", "Gateway");
        assertThat(ok(api.get("/v3/accounts/" + sub + "/deviceprofiles/gateway"))
                        .text("id"))
                .isEqualTo(GATEWAY);
    }

    @Test
    void builtinsAreReadableByIdAndCaseInsensitiveName() {
        assertThat(ok(api.get("/v3/deviceprofiles/" + CONNECTED_DEVICE)).text("name"))
                .isEqualTo("ConnectedDevice");
        assertThat(ok(api.get("/v3/deviceprofiles/CONNECTEDDEVICE")).text("id")).isEqualTo(CONNECTED_DEVICE);
        assertThat(ok(api.get("/v3/accounts/_this_/deviceprofiles/device")).text("id"))
                .isEqualTo(DEVICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Device", "ConnectedDevice", "Gateway", "_dpf_100000000000000003"})
    void deletingABuiltinIsForbidden(String ref) {
        assertError(api.delete("/v3/deviceprofiles/" + ref), 403, "EntityLocked", null);
        ok(api.get("/v3/deviceprofiles/" + ref));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Device", "ConnectedDevice", "Gateway"})
    void updatingABuiltinIsForbidden(String ref) {
        assertError(api.put("/v3/deviceprofiles/" + ref, Map.of("description", "mine now")), 403, "EntityLocked", null);
        assertError(api.put("/v3/deviceprofiles/" + ref, Map.of("locked", false)), 403, "EntityLocked", null);
        assertThat(ok(api.get("/v3/deviceprofiles/" + ref))
                        .body()
                        .get("description")
                        .asText())
                .isNotEqualTo("mine now");
    }

    // ---- create

    @Test
    void createdProfileCarriesEveryFieldNullWhenUnset() {
        String name = unique("Bare");

        JsonNode p = create(name, null);

        assertEveryProfileField(p);
        assertThat(p.get("id").asText()).matches("_dpf_\\d{18,19}");
        assertThat(p.get("accountId").asText()).startsWith("_acc_");
        assertThat(p.get("name").asText()).isEqualTo(name);
        for (String f :
                List.of("friendlyName", "description", "deviceClass", "productName", "vendorName", "imageUrl")) {
            assertThat(p.get(f).isNull()).as(f + " in " + p).isTrue();
        }
        assertThat(p.get("locked").asBoolean()).isFalse();
        assertThat(p.get("dateCreated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(p.get("dateModified").asText())
                .isEqualTo(p.get("dateCreated").asText());
        assertThat(ok(api.get("/v3/deviceprofiles/" + p.get("id").asText())).body())
                .isEqualTo(p);
    }

    @Test
    void createdProfileKeepsEveryGivenField() {
        String name = unique("Full");
        JsonNode p = create(
                api,
                Map.of(
                        "name", name,
                        "friendlyName", "Full profile",
                        "description", "all fields",
                        "tags", List.of("a", "b"),
                        "deviceClass", "sensor",
                        "productName", "T1000",
                        "vendorName", "Acme",
                        "imageUrl", "https://example.com/t.png"));

        assertThat(p.get("friendlyName").asText()).isEqualTo("Full profile");
        assertThat(p.get("description").asText()).isEqualTo("all fields");
        assertThat(p.get("tags")).isEqualTo(Http.json("['a','b']"));
        assertThat(p.get("deviceClass").asText()).isEqualTo("sensor");
        assertThat(p.get("productName").asText()).isEqualTo("T1000");
        assertThat(p.get("vendorName").asText()).isEqualTo("Acme");
        assertThat(p.get("imageUrl").asText()).isEqualTo("https://example.com/t.png");
        assertThat(p.get("baseProfileId").asText()).isEqualTo(DEVICE);
    }

    @Test
    void defaultBaseProfileIsDevice() {
        JsonNode p = create(unique("NoBase"), null);

        assertThat(p.get("baseProfileId").asText()).isEqualTo(DEVICE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Gateway", "gateway", "GATEWAY", "_dpf_100000000000000003"})
    void baseProfileIsTakenByCaseInsensitiveNameOrId(String base) {
        JsonNode p = create(unique("OnGw"), base);

        assertThat(p.get("baseProfileId").asText()).isEqualTo(GATEWAY);
    }

    @Test
    void baseProfileIdIsAcceptedAsWell() {
        JsonNode parent = create(unique("Parent"), null);

        JsonNode p = create(
                api,
                Map.of(
                        "name",
                        unique("Child"),
                        "baseProfileId",
                        parent.get("id").asText()));

        assertThat(p.get("baseProfileId").asText()).isEqualTo(parent.get("id").asText());
    }

    @Test
    void baseProfileMayBeAnOwnProfileByName() {
        String parent = unique("Parent");
        String parentId = create(parent, null).get("id").asText();

        JsonNode p = create(unique("Child"), parent.toLowerCase());

        assertThat(p.get("baseProfileId").asText()).isEqualTo(parentId);
    }

    @Test
    void unknownBaseProfileIsRejectedNamingBaseProfile() {
        String name = unique("Orphan");

        assertError(
                api.post("/v3/deviceprofiles", Map.of("name", name, "baseProfile", "NoSuchProfile")),
                400,
                "ValidationFailed",
                "baseProfile");
        assertError(api.get("/v3/deviceprofiles/" + name), 404, "ResourceNotFound", null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1sensor",
                "has space",
                "x12345678901234567890123456789012345678901234567890123456789012345",
                "",
                "_under",
                "semi;colon"
            })
    void nameBreakingTheNamingRuleIsRejected(String name) {
        assertError(api.post("/v3/deviceprofiles", Map.of("name", name)), 400, "ValidationFailed", "'name'");
    }

    @Test
    void nameOfExactly64CharactersIsAccepted() {
        String name = unique("n");
        name = name + "x".repeat(64 - name.length());

        assertThat(create(name, null).get("name").asText()).hasSize(64);
    }

    @Test
    void missingOrNonStringNameIsRejected() {
        assertError(api.post("/v3/deviceprofiles", Map.of("description", "x")), 400, "ValidationFailed", "'name'");
        assertError(api.post("/v3/deviceprofiles", Map.of("name", 5)), 400, "ValidationFailed", "'name'");
    }

    @Test
    void wrongFieldTypesAreRejectedNamingTheField() {
        assertError(
                api.post("/v3/deviceprofiles", Map.of("name", unique("T"), "tags", "notalist")),
                400,
                "ValidationFailed",
                "'tags'");
        assertError(
                api.post("/v3/deviceprofiles", Map.of("name", unique("T"), "locked", "yes")),
                400,
                "ValidationFailed",
                "'locked'");
        assertError(
                api.post("/v3/deviceprofiles", Map.of("name", unique("T"), "baseProfile", 7)),
                400,
                "ValidationFailed",
                "'baseProfile'");
    }

    @Test
    void malformedJsonIsRejected() {
        assertError(api.post("/v3/deviceprofiles", "{\"name\": "), 400, "MalformedJson", null);
    }

    @Test
    void duplicateNameIsAConflictCaseInsensitively() {
        String name = unique("Dup");
        create(name, null);

        assertError(api.post("/v3/deviceprofiles", Map.of("name", name)), 409, "NameAlreadyTaken", null);
        assertError(api.post("/v3/deviceprofiles", Map.of("name", name.toUpperCase())), 409, "NameAlreadyTaken", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "Device", "CONNECTEDDEVICE"})
    void nameOfABuiltinIsAConflict(String name) {
        assertError(api.post("/v3/deviceprofiles", Map.of("name", name)), 409, "NameAlreadyTaken", null);
    }

    @Test
    void profilesAreReadableByCaseInsensitiveName() {
        String name = unique("MixedCase");
        String id = create(name, null).get("id").asText();

        assertThat(ok(api.get("/v3/deviceprofiles/" + name.toLowerCase())).text("id"))
                .isEqualTo(id);
        assertThat(ok(api.get("/v3/deviceprofiles/" + name.toUpperCase())).text("name"))
                .isEqualTo(name);
    }

    @Test
    void listFiltersByBaseProfile() {
        String parent = unique("FilterParent");
        create(parent, null);
        String child = unique("FilterChild");
        create(child, parent);

        JsonNode page = ok(api.get("/v3/deviceprofiles?base=" + parent)).body();

        assertThat(names(page)).containsExactly(child);
        assertThat(page.get("total").asInt()).isEqualTo(1);
    }
}
