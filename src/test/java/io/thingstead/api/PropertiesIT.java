package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.assertError;
import static io.thingstead.testing.ApiAssert.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PropertiesIT {
    static final String DEVICE = "_dpf_100000000000000001";
    static final String CONNECTED_DEVICE = "_dpf_100000000000000002";
    static final String ACTIVE_ID = "_prp_100000000000000001";
    static final List<String> PROPERTY_FIELDS = List.of(
            "id",
            "accountId",
            "ownerId",
            "name",
            "friendlyName",
            "qualifiedName",
            "inherited",
            "type",
            "access",
            "publish",
            "measurement",
            "boundaries",
            "retention",
            "description",
            "tags",
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

    /** A new profile on {@code base} (Device when null); returns its name. */
    static String profile(String base) {
        String name = unique("Prof");
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (base != null) {
            body.put("baseProfile", base);
        }
        ok(api.post("/v3/deviceprofiles", body));
        return name;
    }

    static String profileId(String name) {
        return ok(api.get("/v3/deviceprofiles/" + name)).text("id");
    }

    static String path(String profile) {
        return "/v3/deviceprofiles/" + profile + "/properties";
    }

    static JsonNode add(String profile, String json) {
        return ok(api.post(path(profile), Http.json(json))).body();
    }

    static JsonNode list(String profile) {
        return ok(api.get(path(profile))).body();
    }

    static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("results").forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    static void assertEveryPropertyField(JsonNode p) {
        for (String f : PROPERTY_FIELDS) {
            assertThat(p.has(f)).as("property field " + f + " in " + p).isTrue();
        }
    }

    static void assertDefaultRetention(JsonNode retention) {
        assertThat(retention.get("type").asText()).isEqualTo("historical");
        assertThat(retention.get("lifetime").asText()).isEqualTo("3months");
        assertThat(retention.get("capacity").asLong()).isEqualTo(100000);
        assertThat(retention.get("condition").get("when").asText()).isEqualTo("always");
        assertThat(retention.get("condition").path("value").isMissingNode()
                        || retention.get("condition").get("value").isNull())
                .as(retention.toString())
                .isTrue();
    }

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

    // ---- listing and reading

    @Test
    void listingADeviceProfileShowsOwnThenDeviceBuiltinsInherited() {
        String prof = profile(null);
        add(prof, "{'name': 'temp', 'type': 'number'}");

        JsonNode page = list(prof);

        assertThat(page.get("results"))
                .extracting(
                        p -> p.get("name").asText(),
                        p -> p.get("inherited").asBoolean(),
                        p -> p.get("qualifiedName").asText())
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

        assertThat(page.get("results"))
                .extracting(
                        p -> p.get("name").asText(),
                        p -> p.get("inherited").asBoolean(),
                        p -> p.get("qualifiedName").asText())
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
