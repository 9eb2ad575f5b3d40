package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.assertError;
import static io.thingstead.testing.ApiAssert.ok;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Device profiles: updates (rename, re-base, cycles), deletes and their conflicts, account isolation. */
class ProfileChangesIT extends ProfilesItBase {
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
        String device = Fixtures.id(Fixtures.device(api, "/v3", name));

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
        String device = Fixtures.id(Fixtures.device(api, "/v3", child));

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
