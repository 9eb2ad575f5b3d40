package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.assertError;
import static io.thingstead.testing.ApiAssert.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfilesIT {
    static final String DEVICE = "_dpf_100000000000000001";
    static final String CONNECTED_DEVICE = "_dpf_100000000000000002";
    static final String GATEWAY = "_dpf_100000000000000003";
    static final List<String> PROFILE_FIELDS = List.of(
            "id",
            "accountId",
            "name",
            "friendlyName",
            "baseProfileId",
            "description",
            "tags",
            "deviceClass",
            "productName",
            "vendorName",
            "imageUrl",
            "locked",
            "dateCreated",
            "dateModified");
    static final AtomicInteger SEQ = new AtomicInteger();

    static TestServer server;
    static Http api;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet();
    }

    static JsonNode create(Http http, Map<String, Object> body) {
        return ok(http.post("/v3/deviceprofiles", body)).body();
    }

    static JsonNode create(String name, String base) {
        return base == null
                ? create(api, Map.of("name", name))
                : create(api, Map.of("name", name, "baseProfile", base));
    }

    static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("results").forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    static JsonNode byName(JsonNode page, String name) {
        for (JsonNode p : page.get("results")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        return null;
    }

    static void assertEveryProfileField(JsonNode p) {
        for (String f : PROFILE_FIELDS) {
            assertThat(p.has(f)).as("profile field " + f + " in " + p).isTrue();
        }
    }

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

    // ---- update

    @Test
    void updateChangesFieldsAndKeepsTheRest() {
        JsonNode p = create(api, Map.of("name", unique("Upd"), "description", "before", "vendorName", "Acme"));
        String id = p.get("id").asText();

        JsonNode u = ok(api.put(
                        "/v3/deviceprofiles/" + id,
                        Map.of("description", "after", "friendlyName", "Nice", "tags", List.of("t"))))
                .body();

        assertEveryProfileField(u);
        assertThat(u.get("description").asText()).isEqualTo("after");
        assertThat(u.get("friendlyName").asText()).isEqualTo("Nice");
        assertThat(u.get("tags")).isEqualTo(Http.json("['t']"));
        assertThat(u.get("vendorName").asText()).isEqualTo("Acme");
        assertThat(u.get("dateCreated")).isEqualTo(p.get("dateCreated"));
        assertThat(ok(api.get("/v3/deviceprofiles/" + id)).body()).isEqualTo(u);
    }

    @Test
    void nullInAnUpdateUnsetsAnOptionalField() {
        String id = create(api, Map.of("name", unique("Unset"), "vendorName", "Acme"))
                .get("id")
                .asText();
        var body = new java.util.HashMap<String, Object>();
        body.put("vendorName", null);

        JsonNode u = ok(api.put("/v3/deviceprofiles/" + id, body)).body();

        assertThat(u.get("vendorName").isNull()).isTrue();
    }

    @Test
    void renameMakesTheNewNameAddressableAndFreesTheOld() {
        String old = unique("OldName");
        String id = create(old, null).get("id").asText();
        String renamed = unique("NewName");

        JsonNode u = ok(api.put("/v3/deviceprofiles/" + old, Map.of("name", renamed)))
                .body();

        assertThat(u.get("name").asText()).isEqualTo(renamed);
        assertThat(ok(api.get("/v3/deviceprofiles/" + renamed)).text("id")).isEqualTo(id);
        assertError(api.get("/v3/deviceprofiles/" + old), 404, "ResourceNotFound", null);
        create(old, null);
    }

    @Test
    void renameToADifferentCaseOfItsOwnNameIsAllowed() {
        String name = unique("casey");
        create(name, null);

        JsonNode u = ok(api.put("/v3/deviceprofiles/" + name, Map.of("name", name.toUpperCase())))
                .body();

        assertThat(u.get("name").asText()).isEqualTo(name.toUpperCase());
    }

    @Test
    void renameToATakenOrBuiltinNameIsAConflict() {
        String taken = unique("Taken");
        create(taken, null);
        String name = unique("Mover");
        create(name, null);

        assertError(
                api.put("/v3/deviceprofiles/" + name, Map.of("name", taken.toLowerCase())),
                409,
                "NameAlreadyTaken",
                null);
        assertError(api.put("/v3/deviceprofiles/" + name, Map.of("name", "gateway")), 409, "NameAlreadyTaken", null);
        assertError(api.put("/v3/deviceprofiles/" + name, Map.of("name", "9lives")), 400, "ValidationFailed", "'name'");
        assertThat(ok(api.get("/v3/deviceprofiles/" + name)).text("name")).isEqualTo(name);
    }

    @Test
    void rebasingChangesTheChainAndTheInheritedProperties() {
        String name = unique("Rebase");
        create(name, null);

        JsonNode u = ok(api.put("/v3/deviceprofiles/" + name, Map.of("baseProfile", "connecteddevice")))
                .body();

        assertThat(u.get("baseProfileId").asText()).isEqualTo(CONNECTED_DEVICE);
        JsonNode props =
                ok(api.get("/v3/deviceprofiles/" + name + "/properties")).body();
        List<String> propNames = new ArrayList<>();
        props.get("results").forEach(p -> propNames.add(p.get("name").asText()));
        assertThat(propNames).contains("connectionStatus", "connectionInfo", "active");
    }

    @Test
    void rebasingOntoAnUnknownProfileIsRejected() {
        String name = unique("RebaseBad");
        create(name, null);

        assertError(
                api.put("/v3/deviceprofiles/" + name, Map.of("baseProfile", "nosuch")),
                400,
                "ValidationFailed",
                "baseProfile");
        assertThat(ok(api.get("/v3/deviceprofiles/" + name)).text("baseProfileId"))
                .isEqualTo(DEVICE);
    }

    @Test
    void aCycleIsRejected() {
        String a = unique("CycA");
        create(a, null);
        String b = unique("CycB");
        create(b, a);

        assertError(
                api.put("/v3/deviceprofiles/" + a, Map.of("baseProfile", b)), 400, "ValidationFailed", "baseProfile");
        assertThat(ok(api.get("/v3/deviceprofiles/" + a)).text("baseProfileId")).isEqualTo(DEVICE);
    }

    @Test
    void aLongerCycleAndASelfBaseAreRejected() {
        String a = unique("LcA");
        String aId = create(a, null).get("id").asText();
        String b = unique("LcB");
        create(b, a);
        String c = unique("LcC");
        create(c, b);

        assertError(
                api.put("/v3/deviceprofiles/" + a, Map.of("baseProfile", c)), 400, "ValidationFailed", "baseProfile");
        assertError(
                api.put("/v3/deviceprofiles/" + a, Map.of("baseProfile", aId)), 400, "ValidationFailed", "baseProfile");
    }

    @Test
    void rebasingOntoAProfileThatDefinesAnOwnPropertyNameIsRejected() {
        String withTemp = unique("HasTemp");
        create(withTemp, null);
        ok(api.post("/v3/deviceprofiles/" + withTemp + "/properties", Map.of("name", "temp", "type", "number")));
        String other = unique("AlsoTemp");
        create(other, null);
        ok(api.post("/v3/deviceprofiles/" + other + "/properties", Map.of("name", "Temp", "type", "number")));

        assertError(
                api.put("/v3/deviceprofiles/" + other, Map.of("baseProfile", withTemp)),
                400,
                "ValidationFailed",
                "baseProfile");
        assertThat(ok(api.get("/v3/deviceprofiles/" + other)).text("baseProfileId"))
                .isEqualTo(DEVICE);
    }

    @Test
    void updatingAnUnknownProfileIsNotFound() {
        assertError(api.put("/v3/deviceprofiles/NoSuchOne", Map.of("description", "x")), 404, "ResourceNotFound", null);
    }

    // ---- delete

    @Test
    void deleteAnswersNrOfItemsAndThenTheProfileIsGone() {
        String name = unique("Doomed");
        String id = create(name, null).get("id").asText();

        Http.Resp r = ok(api.delete("/v3/deviceprofiles/" + name));

        assertThat(r.body()).isEqualTo(Http.json("{'nrOfItems': 1}"));
        assertError(api.get("/v3/deviceprofiles/" + id), 404, "ResourceNotFound", null);
        assertError(api.get("/v3/deviceprofiles/" + name), 404, "ResourceNotFound", null);
        assertError(api.delete("/v3/deviceprofiles/" + id), 404, "ResourceNotFound", null);
        assertThat(names(ok(api.get("/v3/deviceprofiles")).body())).doesNotContain(name);
    }

    @Test
    void deletingAProfileRemovesItsProperties() {
        String name = unique("DoomedProps");
        create(name, null);
        String prop = ok(api.post("/v3/deviceprofiles/" + name + "/properties", Map.of("name", "x", "type", "number")))
                .text("id");

        ok(api.delete("/v3/deviceprofiles/" + name));

        assertError(api.get("/v3/properties/" + prop), 404, "ResourceNotFound", null);
    }

    @Test
    void deletingAProfileWithAChildIsAConflict() {
        String parent = unique("Parent");
        create(parent, null);
        String child = unique("Child");
        create(child, parent);

        assertError(api.delete("/v3/deviceprofiles/" + parent), 409, "CannotDeleteProfileInherited", null);
        ok(api.get("/v3/deviceprofiles/" + parent));

        ok(api.delete("/v3/deviceprofiles/" + child));
        ok(api.delete("/v3/deviceprofiles/" + parent));
    }

    @Test
    void deletingAProfileWithDevicesIsAConflict() {
        String name = unique("Used");
        create(name, null);
        String device = ok(api.post("/v3/devices", Map.of("name", unique("dev"), "profile", name)))
                .text("id");

        assertError(api.delete("/v3/deviceprofiles/" + name), 409, "CannotDeleteProfileInUse", null);

        ok(api.delete("/v3/devices/" + device));
        ok(api.delete("/v3/deviceprofiles/" + name));
    }

    @Test
    void deletingAProfileWithDevicesAnywhereBelowItIsInUseEvenThoughItIsInherited() {
        String grand = unique("Grand");
        create(grand, null);
        String parent = unique("Mid");
        create(parent, grand);
        String child = unique("Leaf");
        create(child, parent);
        String device = ok(api.post("/v3/devices", Map.of("name", unique("dev"), "profile", child)))
                .text("id");

        assertError(api.delete("/v3/deviceprofiles/" + child), 409, "CannotDeleteProfileInUse", null);
        assertError(api.delete("/v3/deviceprofiles/" + parent), 409, "CannotDeleteProfileInUse", null);
        assertError(api.delete("/v3/deviceprofiles/" + grand), 409, "CannotDeleteProfileInUse", null);

        ok(api.delete("/v3/devices/" + device));
        assertError(api.delete("/v3/deviceprofiles/" + grand), 409, "CannotDeleteProfileInherited", null);
        ok(api.delete("/v3/deviceprofiles/" + child));
        ok(api.delete("/v3/deviceprofiles/" + parent));
        ok(api.delete("/v3/deviceprofiles/" + grand));
    }

    @Test
    void deletingAnUnknownProfileIsNotFound() {
        assertError(api.delete("/v3/deviceprofiles/_dpf_999999999999999999"), 404, "ResourceNotFound", null);
    }

    @Test
    void aLockedProfileCannotBeDeletedOrChangedUntilUnlocked() {
        String name = unique("Locked");
        JsonNode p = create(api, Map.of("name", name, "locked", true));
        assertThat(p.get("locked").asBoolean()).isTrue();

        assertError(api.delete("/v3/deviceprofiles/" + name), 403, "EntityLocked", null);
        assertError(api.put("/v3/deviceprofiles/" + name, Map.of("description", "x")), 403, "EntityLocked", null);

        ok(api.put("/v3/deviceprofiles/" + name, Map.of("locked", false)));
        ok(api.delete("/v3/deviceprofiles/" + name));
    }

    // ---- accounts

    static String subAccount() {
        return ok(api.post("/v3/accounts", Map.of("name", unique("sub")))).text("id");
    }

    @Test
    void aSubAccountsProfileIsInvisibleFromTheParentsOwnPaths() {
        String sub = subAccount();
        String name = unique("SubOnly");
        JsonNode p = ok(api.post("/v3/accounts/" + sub + "/deviceprofiles", Map.of("name", name)))
                .body();
        String id = p.get("id").asText();
        assertThat(p.get("accountId").asText()).isEqualTo(sub);

        assertThat(names(ok(api.get("/v3/deviceprofiles")).body())).doesNotContain(name);
        assertError(api.get("/v3/deviceprofiles/" + id), 404, "ResourceNotFound", null);
        assertError(api.get("/v3/deviceprofiles/" + name), 404, "ResourceNotFound", null);
        assertError(api.put("/v3/deviceprofiles/" + id, Map.of("description", "x")), 404, "ResourceNotFound", null);
        assertError(api.delete("/v3/deviceprofiles/" + id), 404, "ResourceNotFound", null);
        assertError(api.get("/v3/deviceprofiles/" + id + "/properties"), 404, "ResourceNotFound", null);

        assertThat(ok(api.get("/v3/accounts/" + sub + "/deviceprofiles/" + name))
                        .text("id"))
                .isEqualTo(id);
        assertThat(names(ok(api.get("/v3/accounts/" + sub + "/deviceprofiles")).body()))
                .contains(name);
    }

    @Test
    void aParentsProfileIsInvisibleFromTheSubAccount() {
        String name = unique("ParentOnly");
        String id = create(name, null).get("id").asText();
        String sub = subAccount();

        assertError(api.get("/v3/accounts/" + sub + "/deviceprofiles/" + id), 404, "ResourceNotFound", null);
        assertError(api.get("/v3/accounts/" + sub + "/deviceprofiles/" + name), 404, "ResourceNotFound", null);
        assertThat(names(ok(api.get("/v3/accounts/" + sub + "/deviceprofiles")).body()))
                .doesNotContain(name);
        assertError(
                api.post("/v3/accounts/" + sub + "/deviceprofiles", Map.of("name", unique("X"), "baseProfile", id)),
                400,
                "ValidationFailed",
                "baseProfile");
    }

    @Test
    void profileNamesAreScopedPerAccount() {
        String name = unique("Shared");
        create(name, null);
        String sub = subAccount();

        JsonNode p = ok(api.post("/v3/accounts/" + sub + "/deviceprofiles", Map.of("name", name)))
                .body();

        assertThat(p.get("accountId").asText()).isEqualTo(sub);
    }
}
