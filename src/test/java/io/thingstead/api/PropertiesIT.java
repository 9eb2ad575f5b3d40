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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Creating properties: every type, measurement, boundaries, retention; durability and accounts. */
class PropertiesIT extends PropertiesItBase {
    // ---- create

    @Test
    void nestedCreateAnswersEveryFieldWithDefaults() {
        String prof = profile(null);

        JsonNode p = add(prof, "{'name': 'temp', 'type': 'number'}");

        assertEveryPropertyField(p);
        assertThat(p.get("id").asText()).matches("_prp_\\d{18,19}");
        assertThat(p.get("accountId").asText()).startsWith("_acc_");
        assertThat(p.get("ownerId").asText()).isEqualTo(profileId(prof));
        assertThat(p.get("name").asText()).isEqualTo("temp");
        assertThat(p.get("qualifiedName").asText()).isEqualTo(prof.toLowerCase() + "$temp");
        assertThat(p.get("inherited").asBoolean()).isFalse();
        assertThat(p.get("type").asText()).isEqualTo("number");
        assertThat(p.get("access").asText()).isEqualTo("protected");
        assertThat(p.get("publish").asText()).isEqualTo("never");
        for (String f : List.of("friendlyName", "measurement", "boundaries", "description")) {
            assertThat(p.get(f).isNull()).as(f + " in " + p).isTrue();
        }
        assertDefaultRetention(p.get("retention"));
        assertThat(p.get("locked").asBoolean()).isFalse();
        assertThat(p.get("dateCreated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    }

    @Test
    void createKeepsEveryGivenField() {
        String prof = profile(null);

        JsonNode p = add(
                prof,
                "{'name': 'Temperature', 'friendlyName': 'Room temperature', 'type': 'number',"
                        + " 'access': 'public', 'publish': 'changed', 'description': 'in the room',"
                        + " 'tags': ['room', 'env'], 'locked': false,"
                        + " 'measurement': {'type': 'temperature', 'unit': {'label': 'Celsius', 'symbol': 'C'}},"
                        + " 'boundaries': {'min': -40, 'max': 85},"
                        + " 'retention': {'type': 'mostrecent', 'lifetime': '1years', 'capacity': 10,"
                        + "   'condition': {'when': 'changedx', 'value': 5}}}");

        assertThat(p.get("friendlyName").asText()).isEqualTo("Room temperature");
        assertThat(p.get("access").asText()).isEqualTo("public");
        assertThat(p.get("publish").asText()).isEqualTo("changed");
        assertThat(p.get("description").asText()).isEqualTo("in the room");
        assertThat(p.get("tags")).isEqualTo(Http.json("['room','env']"));
        assertThat(p.get("measurement"))
                .isEqualTo(Http.json("{'type': 'temperature', 'unit': {'label': 'Celsius', 'symbol': 'C'}}"));
        assertThat(p.get("boundaries")).isEqualTo(Http.json("{'min': -40.0, 'max': 85.0}"));
        JsonNode r = p.get("retention");
        assertThat(r.get("type").asText()).isEqualTo("mostrecent");
        assertThat(r.get("lifetime").asText()).isEqualTo("1years");
        assertThat(r.get("capacity").asLong()).isEqualTo(10);
        assertThat(r.get("condition").get("when").asText()).isEqualTo("changedx");
        assertThat(r.get("condition").get("value").asInt()).isEqualTo(5);
        assertThat(p.get("qualifiedName").asText()).isEqualTo(prof.toLowerCase() + "$temperature");
    }

    @Test
    void nullsInACreateBodyMeanUnsetNotInvalid() {
        String prof = profile(null);

        JsonNode p = add(
                prof,
                "{'name': 'n', 'type': 'number', 'friendlyName': null, 'access': null, 'publish': null,"
                        + " 'measurement': null, 'boundaries': null, 'retention': null, 'tags': null,"
                        + " 'description': null, 'locked': null}");

        assertThat(p.get("access").asText()).isEqualTo("protected");
        assertThat(p.get("publish").asText()).isEqualTo("never");
        assertThat(p.get("measurement").isNull()).isTrue();
        assertThat(p.get("boundaries").isNull()).isTrue();
        assertDefaultRetention(p.get("retention"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"number", "waypoint", "boolean", "string", "enum", "object", "file", "blob"})
    void everyTypeCanBeCreated(String type) {
        String prof = profile(null);

        JsonNode p = add(prof, "{'name': 'p', 'type': '" + type + "'}");

        assertThat(p.get("type").asText()).isEqualTo(type);
        assertThat(ok(api.get(path(prof) + "/p")).text("type")).isEqualTo(type);
    }

    @Test
    void typeIsCaseInsensitiveAndEmittedLowerCase() {
        assertThat(add(profile(null), "{'name': 'p', 'type': 'Number'}")
                        .get("type")
                        .asText())
                .isEqualTo("number");
    }

    @ParameterizedTest
    @CsvSource({
        "private, never",
        "protected, always",
        "public, changed",
        "PUBLIC, Always",
    })
    void accessAndPublishTakeTheirValuesLowerCased(String access, String publish) {
        JsonNode p = add(
                profile(null),
                "{'name': 'p', 'type': 'string', 'access': '" + access + "', 'publish': '" + publish + "'}");

        assertThat(p.get("access").asText()).isEqualTo(access.toLowerCase());
        assertThat(p.get("publish").asText()).isEqualTo(publish.toLowerCase());
    }

    @Test
    void flatCreateTakesOwnerIdFromTheBody() {
        String prof = profile(null);
        String id = profileId(prof);

        JsonNode p = ok(api.post(
                        "/v3/properties", Http.json("{'ownerId': '" + id + "', 'name': 'flat', 'type': 'boolean'}")))
                .body();

        assertEveryPropertyField(p);
        assertThat(p.get("ownerId").asText()).isEqualTo(id);
        assertThat(p.get("qualifiedName").asText()).isEqualTo(prof.toLowerCase() + "$flat");
        assertThat(names(list(prof))).contains("flat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner", "ownerId"})
    void flatCreateTakesTheOwnerFromTheQuery(String param) {
        String prof = profile(null);
        String id = profileId(prof);

        JsonNode p = ok(api.post("/v3/properties?" + param + "=" + id, Http.json("{'name': 'q', 'type': 'string'}")))
                .body();

        assertThat(p.get("ownerId").asText()).isEqualTo(id);
        assertThat(names(list(prof))).contains("q");
    }

    @Test
    void flatCreateUnderAnAccountPathWorksToo() {
        String prof = profile(null);
        String id = profileId(prof);

        JsonNode p = ok(api.post(
                        "/v3/accounts/_this_/properties",
                        Http.json("{'ownerId': '" + id + "', 'name': 'acc', 'type': 'string'}")))
                .body();

        assertThat(p.get("ownerId").asText()).isEqualTo(id);
    }

    @Test
    void flatCreateWithoutOrWithUnknownOwnerIsRejectedNamingOwnerId() {
        assertError(
                api.post("/v3/properties", Http.json("{'name': 'x', 'type': 'number'}")),
                400,
                "ValidationFailed",
                "ownerId");
        assertError(
                api.post(
                        "/v3/properties",
                        Http.json("{'ownerId': '_dpf_999999999999999999', 'name': 'x', 'type': 'number'}")),
                400,
                "ValidationFailed",
                "ownerId");
    }

    @Test
    void nestedCreateOnAnUnknownProfileIsNotFound() {
        assertError(
                api.post(path("NoSuchProfile"), Http.json("{'name': 'x', 'type': 'number'}")),
                404,
                "ResourceNotFound",
                null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Device", "ConnectedDevice", "Gateway"})
    void builtinProfilesTakeNoNewProperties(String builtin) {
        assertError(
                api.post(path(builtin), Http.json("{'name': 'mine', 'type': 'number'}")), 403, "EntityLocked", null);
        assertThat(names(list(builtin))).doesNotContain("mine");
    }

    // ---- measurement

    @Test
    void measurementIsOnlyForNumbers() {
        String prof = profile(null);

        assertError(
                api.post(
                        path(prof),
                        Http.json("{'name': 's', 'type': 'string', 'measurement': {'type': 'temperature'}}")),
                400,
                "ValidationFailed",
                "'measurement'");
        assertThat(names(list(prof))).doesNotContain("s");
    }

    @Test
    void unknownMeasurementTypeIsRejected() {
        assertError(
                api.post(
                        path(profile(null)),
                        Http.json("{'name': 'n', 'type': 'number', 'measurement': {'type': 'mood'}}")),
                400,
                "ValidationFailed",
                "'measurement.type'");
    }

    // ---- boundaries

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            number   | {'min': 1, 'max': 2}                                       | {'min': 1.0, 'max': 2.0}
            number   | {'range': {'min': 1, 'max': 2}}                            | {'min': 1.0, 'max': 2.0}
            string   | {'size': 100}                                              | {'size': 100}
            string   | {'size': {'value': 100}}                                   | {'size': 100}
            object   | {'size': {'value': 307200}}                                | {'size': 307200}
            blob     | {'size': 1048576}                                          | {'size': 1048576}
            file     | {'size': {'value': 1000}}                                  | {'size': 1000}
            enum     | {'set': ['start','stop']}                                  | {'set': ['start','stop']}
            enum     | {'enum': {'set': [1,2,3]}}                                 | {'set': [1,2,3]}
            enum     | {'enums': {'text': ['a','b'], 'numeric': [1]}}             | {'set': ['a','b',1]}
            waypoint | {'lat': 34.5, 'lon': 49.5, 'radius': 50, 'inside': true}   | {'lat': 34.5, 'lon': 49.5, 'radius': 50.0, 'inside': true}
            waypoint | {'geofence': {'lat': 1, 'lon': 2, 'radius': 3, 'pos': 'out'}} | {'lat': 1.0, 'lon': 2.0, 'radius': 3.0, 'inside': false}
            """)
    void everyBoundariesShapeIsAcceptedAndEmittedFlat(String type, String boundaries, String flat) {
        String prof = profile(null);

        JsonNode p = add(prof, "{'name': 'b', 'type': '" + type + "', 'boundaries': " + boundaries + "}");

        assertThat(p.get("boundaries").toString()).isEqualTo(Http.json(flat).toString());
        assertThat(ok(api.get(path(prof) + "/b")).body().get("boundaries").toString())
                .isEqualTo(Http.json(flat).toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            number   | {'min': 3, 'max': 1}                 | boundaries.min
            string   | {'size': 1025}                       | boundaries.size
            object   | {'size': {'value': 307201}}          | boundaries.size.value
            blob     | {'size': 1048577}                    | boundaries.size
            enum     | {'set': []}                          | boundaries.set
            enum     | {'set': ['a','a']}                   | boundaries.set[1]
            waypoint | {'lat': 100, 'lon': 0, 'radius': 1}  | boundaries.lat
            boolean  | {'min': 0}                           | boundaries
            """)
    void invalidBoundariesAreRejectedNamingTheField(String type, String boundaries, String field) {
        String prof = profile(null);

        assertError(
                api.post(
                        path(prof),
                        Http.json("{'name': 'b', 'type': '" + type + "', 'boundaries': " + boundaries + "}")),
                400,
                "ValidationFailed",
                "'" + field + "'");
        assertThat(names(list(prof))).doesNotContain("b");
    }

    // ---- retention

    @Test
    void retentionGivenInPartIsMergedOverTheDefault() {
        JsonNode p = add(profile(null), "{'name': 'r', 'type': 'number', 'retention': {'capacity': 5}}");

        JsonNode r = p.get("retention");
        assertThat(r.get("capacity").asLong()).isEqualTo(5);
        assertThat(r.get("type").asText()).isEqualTo("historical");
        assertThat(r.get("lifetime").asText()).isEqualTo("3months");
        assertThat(r.get("condition").get("when").asText()).isEqualTo("always");
    }

    @Test
    void retentionUpdateIsMergedOverTheCurrentOne() {
        String prof = profile(null);
        add(prof, "{'name': 'r', 'type': 'number', 'retention': {'capacity': 5}}");

        JsonNode p = ok(api.put(path(prof) + "/r", Http.json("{'retention': {'lifetime': '7days'}}")))
                .body();

        assertThat(p.get("retention").get("lifetime").asText()).isEqualTo("7days");
        assertThat(p.get("retention").get("capacity").asLong()).isEqualTo(5);
        JsonNode kept =
                ok(api.put(path(prof) + "/r", Http.json("{'retention': null}"))).body();
        assertThat(kept.get("retention")).isEqualTo(p.get("retention"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {'lifetime': '3weeks'}                         | retention.lifetime
            {'capacity': -1}                               | retention.capacity
            {'type': 'forever'}                            | retention.type
            {'condition': {'when': 'changedx'}}            | retention.condition.value
            {'condition': {'when': 'changedx', 'value': 101}} | retention.condition.value
            """)
    void invalidRetentionIsRejectedNamingTheField(String retention, String field) {
        assertError(
                api.post(
                        path(profile(null)),
                        Http.json("{'name': 'r', 'type': 'number', 'retention': " + retention + "}")),
                400,
                "ValidationFailed",
                "'" + field + "'");
    }

    // ---- durability

    @Test
    void profilesAndPropertiesSurviveARestartUnchanged() {
        String parent = profile("ConnectedDevice");
        String child = profile(parent);
        add(
                parent,
                "{'name': 'temp', 'type': 'number', 'measurement': {'type': 'temperature', 'unit': {'symbol': 'C'}},"
                        + " 'boundaries': {'range': {'min': -10, 'max': 60}},"
                        + " 'retention': {'condition': {'when': 'changedx', 'value': 3}}}");
        add(child, "{'name': 'mode', 'type': 'enum', 'boundaries': {'enums': {'text': ['a','b']}}}");
        JsonNode profileBefore = ok(api.get("/v3/deviceprofiles/" + child)).body();
        JsonNode listBefore = list(child);

        server.restart();
        api = server.admin();

        assertThat(ok(api.get("/v3/deviceprofiles/" + child)).body()).isEqualTo(profileBefore);
        assertThat(list(child)).isEqualTo(listBefore);
        assertError(api.post(path(child), Map.of("name", "temp", "type", "number")), 400, "ValidationFailed", "temp");
    }

    // ---- accounts

    @Test
    void anotherAccountsPropertiesAreNotFound() {
        String sub = ok(api.post("/v3/accounts", Map.of("name", unique("sub")))).text("id");
        String subProf = unique("SubProf");
        ok(api.post("/v3/accounts/" + sub + "/deviceprofiles", Map.of("name", subProf)));
        JsonNode p = ok(api.post(
                        "/v3/accounts/" + sub + "/deviceprofiles/" + subProf + "/properties",
                        Http.json("{'name': 'secret', 'type': 'string'}")))
                .body();
        String id = p.get("id").asText();
        assertThat(p.get("accountId").asText()).isEqualTo(sub);

        assertError(api.get("/v3/properties/" + id), 404, "ResourceNotFound", null);
        assertError(api.put("/v3/properties/" + id, Http.json("{'description': 'x'}")), 404, "ResourceNotFound", null);
        assertError(api.delete("/v3/properties/" + id), 404, "ResourceNotFound", null);
        assertError(api.get("/v3/properties?ownerId=" + p.get("ownerId").asText()), 404, "ResourceNotFound", null);
        assertError(
                api.post(
                        "/v3/properties",
                        Http.json("{'ownerId': '" + p.get("ownerId").asText() + "', 'name': 'x', 'type': 'string'}")),
                400,
                "ValidationFailed",
                "ownerId");
        assertThat(ok(api.get("/v3/properties")).body().get("results"))
                .noneSatisfy(x -> assertThat(x.get("id").asText()).isEqualTo(id));

        assertThat(ok(api.get("/v3/accounts/" + sub + "/properties/" + id)).text("name"))
                .isEqualTo("secret");
    }

    @Test
    void flatListWithoutOwnerShowsTheAccountsOwnPropertiesOnly() {
        String prof = profile(null);
        String id = add(prof, "{'name': 'mine', 'type': 'number'}").get("id").asText();

        JsonNode page = ok(api.get("/v3/properties")).body();

        assertThat(page.get("results"))
                .anySatisfy(p -> assertThat(p.get("id").asText()).isEqualTo(id));
        assertThat(page.get("results"))
                .noneSatisfy(p -> assertThat(p.get("id").asText()).startsWith("_prp_10000000000000000"));
        page.get("results").forEach(PropertiesIT::assertEveryPropertyField);
    }
}
