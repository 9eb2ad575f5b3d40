package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.assertError;
import static io.thingstead.testing.ApiAssert.ok;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Listing and reading properties (inherited ones included) and the naming rules along the IS-A chain. */
class PropertyListingIT extends PropertiesItBase {
    /** (name, inherited, qualifiedName) of each listed property, in order. */
    private static List<Tuple> listing(JsonNode page) {
        List<Tuple> out = new ArrayList<>();
        page.get("results")
                .forEach(p -> out.add(tuple(
                        p.get("name").asText(),
                        p.get("inherited").asBoolean(),
                        p.get("qualifiedName").asText())));
        return out;
    }

    // ---- listing and reading

    @Test
    void listingADeviceProfileShowsOwnThenDeviceBuiltinsInherited() {
        String prof = profile(null);
        add(prof, "{'name': 'temp', 'type': 'number'}");

        JsonNode page = list(prof);

        assertThat(listing(page))
                .containsExactly(
                        tuple("temp", false, prof.toLowerCase() + "$temp"),
                        tuple("active", true, "device$active"),
                        tuple("lastIn", true, "device$lastin"),
                        tuple("lastOut", true, "device$lastout"));
        page.get("results").forEach(PropertiesIT::assertEveryPropertyField);
        assertThat(page.get("total").asInt()).isEqualTo(4);
    }

    @Test
    void listingAConnectedDeviceDescendantAlsoShowsConnectionBuiltins() {
        String prof = profile("Gateway");
        add(prof, "{'name': 'uplink', 'type': 'string'}");

        JsonNode page = list(prof);

        assertThat(listing(page))
                .containsExactly(
                        tuple("uplink", false, prof.toLowerCase() + "$uplink"),
                        tuple("connectionInfo", true, "connecteddevice$connectioninfo"),
                        tuple("connectionStatus", true, "connecteddevice$connectionstatus"),
                        tuple("active", true, "device$active"),
                        tuple("lastIn", true, "device$lastin"),
                        tuple("lastOut", true, "device$lastout"));
        page.get("results").forEach(PropertiesIT::assertEveryPropertyField);
    }

    @Test
    void inheritedBuiltinsCarryTheirDefinitions() {
        JsonNode page = list(profile("ConnectedDevice"));
        Map<String, JsonNode> byName = new HashMap<>();
        page.get("results").forEach(p -> byName.put(p.get("name").asText(), p));

        JsonNode active = byName.get("active");
        assertThat(active.get("type").asText()).isEqualTo("enum");
        assertThat(active.get("boundaries")).isEqualTo(Http.json("{'set': ['active','inactive','unknown']}"));
        assertThat(active.get("ownerId").asText()).isEqualTo(DEVICE);
        assertThat(active.get("locked").asBoolean()).isTrue();
        assertThat(active.get("accountId").isNull()).isTrue();
        assertThat(byName.get("lastIn").get("type").asText()).isEqualTo("string");
        assertThat(byName.get("connectionInfo").get("type").asText()).isEqualTo("object");
        JsonNode status = byName.get("connectionStatus");
        assertThat(status.get("type").asText()).isEqualTo("enum");
        assertThat(status.get("boundaries")).isEqualTo(Http.json("{'set': ['online','offline']}"));
        assertThat(status.get("ownerId").asText()).isEqualTo(CONNECTED_DEVICE);
        byName.values().stream()
                .filter(p -> !p.get("name").asText().equals("lastIn"))
                .forEach(p -> assertDefaultRetention(p.get("retention")));
        // lastIn changes with every device write: only its most recent value is kept.
        assertThat(byName.get("lastIn").get("retention").get("type").asText()).isEqualTo("mostrecent");
    }

    @Test
    void listingAChildShowsTheParentsPropertiesAsInherited() {
        String parent = profile(null);
        add(parent, "{'name': 'temp', 'type': 'number'}");
        String child = profile(parent);
        add(child, "{'name': 'humidity', 'type': 'number'}");

        JsonNode page = list(child);

        assertThat(page.get("results"))
                .extracting(
                        p -> p.get("name").asText(),
                        p -> p.get("inherited").asBoolean(),
                        p -> p.get("qualifiedName").asText())
                .startsWith(
                        tuple("humidity", false, child.toLowerCase() + "$humidity"),
                        tuple("temp", true, parent.toLowerCase() + "$temp"));
        assertThat(names(list(parent))).doesNotContain("humidity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ownerId", "owner"})
    void flatListByOwnerMatchesTheNestedList(String param) {
        String prof = profile("ConnectedDevice");
        add(prof, "{'name': 'x', 'type': 'number'}");

        JsonNode byId =
                ok(api.get("/v3/properties?" + param + "=" + profileId(prof))).body();
        JsonNode byName = ok(api.get("/v3/properties?" + param + "=" + prof)).body();

        assertThat(byId.get("results")).isEqualTo(list(prof).get("results"));
        assertThat(byName.get("results")).isEqualTo(byId.get("results"));
        assertThat(names(byId))
                .containsExactly("x", "connectionInfo", "connectionStatus", "active", "lastIn", "lastOut");
    }

    @Test
    void flatListByAnUnknownOwnerIsNotFound() {
        assertError(api.get("/v3/properties?ownerId=_dpf_999999999999999999"), 404, "ResourceNotFound", null);
    }

    @Test
    void nestedGetFindsAPropertyByNameIdOrQualifiedName() {
        String prof = profile(null);
        JsonNode created = add(prof, "{'name': 'Speed', 'type': 'number'}");
        String id = created.get("id").asText();

        for (String ref : List.of("Speed", "speed", "SPEED", id, prof.toLowerCase() + "$speed")) {
            JsonNode p = ok(api.get(path(prof) + "/" + ref)).body();
            assertThat(p).as(ref).isEqualTo(created);
        }
        assertThat(ok(api.get("/v3/properties/" + id)).body()).isEqualTo(created);
    }

    @Test
    void nestedGetOfAnInheritedPropertyMarksItInherited() {
        String parent = profile(null);
        add(parent, "{'name': 'temp', 'type': 'number'}");
        String child = profile(parent);

        JsonNode temp = ok(api.get(path(child) + "/temp")).body();
        JsonNode active = ok(api.get(path(child) + "/active")).body();

        assertEveryPropertyField(temp);
        assertThat(temp.get("inherited").asBoolean()).isTrue();
        assertThat(temp.get("qualifiedName").asText()).isEqualTo(parent.toLowerCase() + "$temp");
        assertThat(active.get("inherited").asBoolean()).isTrue();
        assertThat(active.get("qualifiedName").asText()).isEqualTo("device$active");
        assertThat(ok(api.get(path(parent) + "/temp")).body().get("inherited").asBoolean())
                .isFalse();
    }

    @Test
    void qualifiedNameKeepsDotsOfTheProfileNameLowerCased() {
        String prof = unique("Temp.Sensor.");
        ok(api.post("/v3/deviceprofiles", Map.of("name", prof)));

        JsonNode p = add(prof, "{'name': 'getOperationStatus', 'type': 'string'}");

        assertThat(p.get("qualifiedName").asText()).isEqualTo(prof.toLowerCase() + "$getoperationstatus");
        assertThat(ok(api.get(path(prof) + "/" + prof.toLowerCase() + "$getoperationstatus"))
                        .text("id"))
                .isEqualTo(p.get("id").asText());
    }

    @Test
    void listingTheBuiltinsShowsTheirOwnPropertiesNotInherited() {
        assertThat(ok(api.get("/v3/properties?ownerId=" + DEVICE)).body().get("results"))
                .extracting(p -> p.get("name").asText(), p -> p.get("inherited").asBoolean())
                .containsExactly(tuple("active", false), tuple("lastIn", false), tuple("lastOut", false));
        assertThat(list("Gateway").get("results"))
                .extracting(p -> p.get("name").asText(), p -> p.get("inherited").asBoolean())
                .containsExactly(
                        tuple("connectionInfo", true),
                        tuple("connectionStatus", true),
                        tuple("active", true),
                        tuple("lastIn", true),
                        tuple("lastOut", true));
    }

    @Test
    void builtinPropertyIsReadableFlatById() {
        JsonNode p = ok(api.get("/v3/properties/" + ACTIVE_ID)).body();

        assertEveryPropertyField(p);
        assertThat(p.get("name").asText()).isEqualTo("active");
        assertThat(p.get("qualifiedName").asText()).isEqualTo("device$active");
    }

    @Test
    void unknownPropertyIsNotFound() {
        String prof = profile(null);

        assertError(api.get(path(prof) + "/nosuch"), 404, "ResourceNotFound", null);
        assertError(api.get(path(prof) + "/connectionStatus"), 404, "ResourceNotFound", null);
        assertError(api.get("/v3/properties/_prp_999999999999999999"), 404, "ResourceNotFound", null);
    }

    // ---- naming rules

    @ParameterizedTest
    @ValueSource(
            strings = {
                "id",
                "accountId",
                "name",
                "friendlyName",
                "customIds",
                "status",
                "apps",
                "location",
                "profileId",
                "properties",
                "ID",
                "Location"
            })
    void reservedNamesAreRejected(String name) {
        String prof = profile(null);

        assertError(
                api.post(path(prof), Http.json("{'name': '" + name + "', 'type': 'string'}")),
                400,
                "ReservedPropertyName",
                name);
        assertThat(names(list(prof))).doesNotContain(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9lives", "with space", "semi;colon", ""})
    void namesBreakingTheNamingRuleAreRejected(String name) {
        assertError(
                api.post(path(profile(null)), Map.of("name", name, "type", "number")),
                400,
                "ValidationFailed",
                "'name'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"active", "Active", "lastIn", "LASTOUT"})
    void redefiningADeviceBuiltinOnAChildIsRejected(String name) {
        String prof = profile(null);

        assertError(api.post(path(prof), Map.of("name", name, "type", "string")), 400, "ValidationFailed", name);
        assertThat(list(prof).get("results"))
                .filteredOn(p -> p.get("name").asText().equalsIgnoreCase(name))
                .hasSize(1)
                .allSatisfy(p -> assertThat(p.get("inherited").asBoolean()).isTrue());
    }

    @Test
    void redefiningAConnectedDeviceBuiltinIsRejectedOnlyBelowConnectedDevice() {
        assertError(
                api.post(path(profile("Gateway")), Map.of("name", "connectionStatus", "type", "string")),
                400,
                "ValidationFailed",
                "connectionStatus");

        JsonNode mine = add(profile(null), "{'name': 'connectionStatus', 'type': 'string'}");
        assertThat(mine.get("inherited").asBoolean()).isFalse();
    }

    @Test
    void redefiningAPropertyOfAnAncestorIsRejected() {
        String parent = profile(null);
        add(parent, "{'name': 'temp', 'type': 'number'}");
        String child = profile(parent);
        String grandchild = profile(child);

        assertError(api.post(path(child), Map.of("name", "temp", "type", "number")), 400, "ValidationFailed", "temp");
        assertError(
                api.post(path(grandchild), Map.of("name", "TEMP", "type", "string")), 400, "ValidationFailed", "TEMP");
        assertThat(names(list(child))).containsOnlyOnce("temp");
    }

    @Test
    void addingToAParentANameAChildAlreadyHasIsRejected() {
        String parent = profile(null);
        String child = profile(parent);
        String grandchild = profile(child);
        add(grandchild, "{'name': 'humidity', 'type': 'number'}");

        assertError(
                api.post(path(parent), Map.of("name", "Humidity", "type", "number")),
                400,
                "ValidationFailed",
                "'name'");
        assertError(
                api.post(path(child), Map.of("name", "humidity", "type", "number")), 400, "ValidationFailed", "'name'");
        assertThat(names(list(parent))).doesNotContain("Humidity", "humidity");
    }

    @Test
    void aDuplicateNameInTheSameProfileIsAConflict() {
        String prof = profile(null);
        add(prof, "{'name': 'temp', 'type': 'number'}");

        assertError(api.post(path(prof), Map.of("name", "Temp", "type", "string")), 409, "NameAlreadyTaken", null);
    }

    @Test
    void siblingProfilesMayUseTheSameName() {
        String parent = profile(null);
        String a = profile(parent);
        String b = profile(parent);

        add(a, "{'name': 'level', 'type': 'number'}");
        JsonNode other = add(b, "{'name': 'level', 'type': 'string'}");

        assertThat(other.get("qualifiedName").asText()).isEqualTo(b.toLowerCase() + "$level");
    }
}
