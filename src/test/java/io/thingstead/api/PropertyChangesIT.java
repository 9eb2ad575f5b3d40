package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.assertError;
import static io.thingstead.testing.ApiAssert.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Field validation, updates and deletes of properties. */
class PropertyChangesIT extends PropertiesItBase {
    // ---- field validation

    @Test
    void unknownOrMissingTypeIsRejectedNamingType() {
        String prof = profile(null);

        assertError(api.post(path(prof), Map.of("name", "t", "type", "integer")), 400, "ValidationFailed", "'type'");
        assertError(api.post(path(prof), Map.of("name", "t")), 400, "ValidationFailed", "'type'");
        assertError(api.post(path(prof), Map.of("name", "t", "type", 3)), 400, "ValidationFailed", "'type'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            access       | 'access': 5                 | 'access'
            access       | 'access': 'secret'          | 'access'
            publish      | 'publish': true             | 'publish'
            publish      | 'publish': 'sometimes'      | 'publish'
            name         | 'name': 5                   | 'name'
            friendlyName | 'friendlyName': 7           | 'friendlyName'
            description  | 'description': ['a']        | 'description'
            tags         | 'tags': 'a,b'               | 'tags'
            tags item    | 'tags': [1]                 | 'tags[0]'
            locked       | 'locked': 'yes'             | 'locked'
            measurement  | 'measurement': 'celsius'    | 'measurement'
            boundaries   | 'boundaries': 'small'       | 'boundaries'
            retention    | 'retention': 'forever'      | 'retention'
            """)
    void wrongFieldTypesAreRejectedNamingTheField(String label, String field, String named) {
        String prof = profile(null);
        String body = field.startsWith("'name'")
                ? "{" + field + ", 'type': 'number'}"
                : "{'name': 'w', 'type': 'number', " + field + "}";

        assertError(api.post(path(prof), Http.json(body)), 400, "ValidationFailed", named);
        assertThat(names(list(prof))).doesNotContain("w");
    }

    @Test
    void malformedJsonIsRejected() {
        assertError(api.post(path(profile(null)), "{'name': "), 400, "MalformedJson", null);
    }

    @Test
    void aRejectedCreateLeavesNoTrace() {
        String prof = profile(null);
        add(prof, "{'name': 'keep', 'type': 'number'}");
        JsonNode before = list(prof);
        JsonNode accountBefore = ok(api.get("/v3/properties")).body();

        List<Http.Resp> rejected = List.of(
                api.post(path(prof), Http.json("{'name': 'x1', 'type': 'number', 'boundaries': {'min': 2, 'max': 1}}")),
                api.post(path(prof), Http.json("{'name': 'x2', 'type': 'nope'}")),
                api.post(path(prof), Http.json("{'name': 'x3', 'type': 'string', 'measurement': {'type': 'time'}}")),
                api.post(path(prof), Http.json("{'name': 'x4', 'type': 'number', 'retention': {'capacity': -3}}")),
                api.post(path(prof), Http.json("{'name': 'status', 'type': 'number'}")),
                api.post(path(prof), Http.json("{'name': 'active', 'type': 'number'}")),
                api.post(path(prof), Http.json("{'name': 'keep', 'type': 'number'}")));

        assertThat(rejected)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isBetween(400, 499));
        assertThat(list(prof)).isEqualTo(before);
        assertThat(ok(api.get("/v3/properties")).body()).isEqualTo(accountBefore);
    }

    // ---- update and delete

    @Test
    void updateChangesGivenFieldsAndKeepsTheRest() {
        String prof = profile(null);
        JsonNode p = add(prof, "{'name': 'temp', 'type': 'number', 'description': 'd', 'tags': ['a']}");

        JsonNode u = ok(api.put(
                        path(prof) + "/temp",
                        Http.json("{'friendlyName': 'Temperature', 'access': 'public', 'publish': 'always',"
                                + " 'measurement': {'type': 'temperature'}, 'boundaries': {'range': {'min': 0, 'max': 50}},"
                                + " 'type': 'number'}")))
                .body();

        assertEveryPropertyField(u);
        assertThat(u.get("id")).isEqualTo(p.get("id"));
        assertThat(u.get("friendlyName").asText()).isEqualTo("Temperature");
        assertThat(u.get("access").asText()).isEqualTo("public");
        assertThat(u.get("publish").asText()).isEqualTo("always");
        assertThat(u.get("measurement").get("type").asText()).isEqualTo("temperature");
        assertThat(u.get("boundaries")).isEqualTo(Http.json("{'min': 0.0, 'max': 50.0}"));
        assertThat(u.get("description").asText()).isEqualTo("d");
        assertThat(u.get("tags")).isEqualTo(Http.json("['a']"));
        assertThat(u.get("dateCreated")).isEqualTo(p.get("dateCreated"));
        assertThat(ok(api.get("/v3/properties/" + p.get("id").asText())).body()).isEqualTo(u);
    }

    @Test
    void updateWithNullUnsetsOptionalFields() {
        String prof = profile(null);
        add(
                prof,
                "{'name': 'temp', 'type': 'number', 'friendlyName': 'T', 'boundaries': {'min': 1},"
                        + " 'measurement': {'type': 'temperature'}}");

        JsonNode u = ok(api.put(
                        path(prof) + "/temp",
                        Http.json("{'friendlyName': null, 'boundaries': null, 'measurement': null}")))
                .body();

        assertThat(u.get("friendlyName").isNull()).isTrue();
        assertThat(u.get("boundaries").isNull()).isTrue();
        assertThat(u.get("measurement").isNull()).isTrue();
    }

    @Test
    void flatUpdateByIdWorks() {
        String prof = profile(null);
        String id = add(prof, "{'name': 'temp', 'type': 'number'}").get("id").asText();

        JsonNode u = ok(api.put("/v3/properties/" + id, Http.json("{'description': 'flat'}")))
                .body();

        assertThat(u.get("description").asText()).isEqualTo("flat");
        assertThat(ok(api.get(path(prof) + "/temp")).text("description")).isEqualTo("flat");
    }

    @Test
    void renameMovesTheNameAndTheQualifiedName() {
        String prof = profile(null);
        String id = add(prof, "{'name': 'temp', 'type': 'number'}").get("id").asText();

        JsonNode u = ok(api.put(path(prof) + "/temp", Http.json("{'name': 'Celsius'}")))
                .body();

        assertThat(u.get("name").asText()).isEqualTo("Celsius");
        assertThat(u.get("qualifiedName").asText()).isEqualTo(prof.toLowerCase() + "$celsius");
        assertThat(ok(api.get(path(prof) + "/celsius")).text("id")).isEqualTo(id);
        assertError(api.get(path(prof) + "/temp"), 404, "ResourceNotFound", null);
    }

    @Test
    void renameToAReservedTakenOrInheritedNameIsRejected() {
        String prof = profile(null);
        add(prof, "{'name': 'a', 'type': 'number'}");
        add(prof, "{'name': 'b', 'type': 'number'}");

        assertError(api.put(path(prof) + "/a", Http.json("{'name': 'location'}")), 400, "ReservedPropertyName", null);
        assertError(api.put(path(prof) + "/a", Http.json("{'name': 'B'}")), 409, "NameAlreadyTaken", null);
        assertError(api.put(path(prof) + "/a", Http.json("{'name': 'lastIn'}")), 400, "ValidationFailed", "lastIn");
        assertError(api.put(path(prof) + "/a", Http.json("{'name': '1a'}")), 400, "ValidationFailed", "'name'");
        assertThat(names(list(prof))).startsWith("a", "b");
    }

    @Test
    void changingTheTypeIsRejected() {
        String prof = profile(null);
        add(prof, "{'name': 'temp', 'type': 'number'}");

        assertError(api.put(path(prof) + "/temp", Http.json("{'type': 'string'}")), 400, "ValidationFailed", "'type'");
        assertError(api.put(path(prof) + "/temp", Http.json("{'type': 'nope'}")), 400, "ValidationFailed", "'type'");
        assertThat(ok(api.get(path(prof) + "/temp")).text("type")).isEqualTo("number");
    }

    @Test
    void invalidUpdateLeavesThePropertyUnchanged() {
        String prof = profile(null);
        JsonNode p = add(prof, "{'name': 'temp', 'type': 'number', 'boundaries': {'min': 1}}");

        assertError(
                api.put(path(prof) + "/temp", Http.json("{'description': 'x', 'boundaries': {'min': 5, 'max': 1}}")),
                400,
                "ValidationFailed",
                "'boundaries.min'");
        assertError(
                api.put(path(prof) + "/temp", Http.json("{'description': 'x', 'measurement': {'type': 'mood'}}")),
                400,
                "ValidationFailed",
                "'measurement.type'");
        assertError(api.put(path(prof) + "/temp", Http.json("{'access': 5}")), 400, "ValidationFailed", "'access'");

        assertThat(ok(api.get(path(prof) + "/temp")).body()).isEqualTo(p);
    }

    @Test
    void deleteByNestedNameAnswersNrOfItemsThenNotFound() {
        String prof = profile(null);
        String id = add(prof, "{'name': 'temp', 'type': 'number'}").get("id").asText();

        assertThat(ok(api.delete(path(prof) + "/temp")).body()).isEqualTo(Http.json("{'nrOfItems': 1}"));

        assertError(api.get(path(prof) + "/temp"), 404, "ResourceNotFound", null);
        assertError(api.get("/v3/properties/" + id), 404, "ResourceNotFound", null);
        assertThat(names(list(prof))).doesNotContain("temp");
        add(prof, "{'name': 'temp', 'type': 'string'}");
    }

    @Test
    void deleteFlatByIdAnswersNrOfItemsThenNotFound() {
        String prof = profile(null);
        String id = add(prof, "{'name': 'temp', 'type': 'number'}").get("id").asText();

        assertThat(ok(api.delete("/v3/properties/" + id)).body()).isEqualTo(Http.json("{'nrOfItems': 1}"));

        assertError(api.delete("/v3/properties/" + id), 404, "ResourceNotFound", null);
    }

    @Test
    void anInheritedPropertyCannotBeChangedOrDeletedThroughTheChild() {
        String parent = profile(null);
        add(parent, "{'name': 'temp', 'type': 'number'}");
        String child = profile(parent);

        assertError(api.put(path(child) + "/temp", Http.json("{'description': 'x'}")), 400, "ValidationFailed", "temp");
        assertError(api.delete(path(child) + "/temp"), 400, "ValidationFailed", "temp");
        assertError(
                api.put(path(child) + "/active", Http.json("{'description': 'x'}")), 400, "ValidationFailed", "active");
        assertError(api.delete(path(child) + "/active"), 400, "ValidationFailed", "active");

        JsonNode temp = ok(api.get(path(parent) + "/temp")).body();
        assertThat(temp.get("description").isNull()).isTrue();
        assertThat(names(list(child))).contains("temp", "active");
    }

    @Test
    void builtinPropertiesCannotBeChangedOrDeleted() {
        assertError(
                api.put("/v3/properties/" + ACTIVE_ID, Http.json("{'description': 'x'}")), 403, "EntityLocked", null);
        assertError(api.delete("/v3/properties/" + ACTIVE_ID), 403, "EntityLocked", null);
        assertError(api.delete(path("Device") + "/active"), 403, "EntityLocked", null);
        ok(api.get("/v3/properties/" + ACTIVE_ID));
    }

    @Test
    void aLockedPropertyCannotBeChangedOrDeletedUntilUnlocked() {
        String prof = profile(null);
        add(prof, "{'name': 'temp', 'type': 'number', 'locked': true}");

        assertError(api.put(path(prof) + "/temp", Http.json("{'description': 'x'}")), 403, "EntityLocked", null);
        assertError(api.delete(path(prof) + "/temp"), 403, "EntityLocked", null);

        ok(api.put(path(prof) + "/temp", Http.json("{'locked': false}")));
        ok(api.delete(path(prof) + "/temp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"always", "changed"})
    void privatePropertyThatWouldBePublished_isRejected(String publish) {
        String owner = profile("Device");
        assertError(
                api.post(
                        path(owner),
                        Map.of("name", "secret", "type", "string", "access", "private", "publish", publish)),
                400,
                "ValidationFailed",
                "publish");
        String id = ok(api.post(path(owner), Map.of("name", "secret2", "type", "string", "access", "private")))
                .text("id");
        assertError(api.put("/v3/properties/" + id, Map.of("publish", publish)), 400, "ValidationFailed", "publish");
    }
}
