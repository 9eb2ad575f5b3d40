package io.thingstead.api;

import static io.thingstead.api.DeviceItSupport.assertError;
import static io.thingstead.api.DeviceItSupport.assertInvalid;
import static io.thingstead.api.DeviceItSupport.assertOk;
import static io.thingstead.api.DeviceItSupport.createDevice;
import static io.thingstead.api.DeviceItSupport.createProfile;
import static io.thingstead.api.DeviceItSupport.createSubAccount;
import static io.thingstead.api.DeviceItSupport.device;
import static io.thingstead.api.DeviceItSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v3/devices}: create (one, array, bulk), read, partial update, delete, validation, isolation. */
class DevicesIT {
    private static final String DEVICE_ID = "_dev_\\d{18,19}";
    private static final List<String> FIELDS = List.of(
            "id",
            "accountId",
            "name",
            "friendlyName",
            "profileId",
            "apps",
            "description",
            "tags",
            "status",
            "period",
            "customIds",
            "timezone",
            "annotateWithLoc",
            "annotateWithMeta",
            "location",
            "locked",
            "dateCreated",
            "dateModified");

    static TestServer server;
    static Http admin;
    static String accountId;
    static JsonNode profile;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = server.admin();
        accountId = assertOk(admin.get("/v3/accounts/_this_")).get("id").asText();
        profile = createProfile(admin, "/v3", unique("Sensor"), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ObjectNode newDevice() {
        return device(unique("dev"), profile.get("name").asText());
    }

    private static JsonNode create(ObjectNode body) {
        return createDevice(admin, "/v3", body);
    }

    // ---- create ----------------------------------------------------------------------------

    @Test
    void create_fromOneBody_returnsTheDeviceWithEveryFieldSet() {
        String name = unique("factory3.floor4.forklift");
        ObjectNode body = DeviceItSupport.obj("{'friendlyName':'Forklift #11','status':'debug',"
                + "'customIds':{'mac':'" + unique("3c:15:d2") + "'},'period':30,'description':'a forklift',"
                + "'tags':['forklift','test'],"
                + "'location':{'zone':'factory3.floor4','geo':{'lat':49.58695,'lon':-123.59685,'alt':12.5}},"
                + "'timezone':'Vancouver UTC-08:00','annotateWithLoc':true,'annotateWithMeta':true}");
        body.put("name", name).put("profile", profile.get("name").asText());

        JsonNode d = create(body);

        assertThat(iterable(d.fieldNames())).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(d.get("id").asText()).matches(DEVICE_ID);
        assertThat(d.get("accountId").asText()).isEqualTo(accountId);
        assertThat(d.get("name").asText()).isEqualTo(name);
        assertThat(d.get("friendlyName").asText()).isEqualTo("Forklift #11");
        assertThat(d.get("profileId").asText()).isEqualTo(profile.get("id").asText());
        assertThat(d.get("apps").isArray()).isTrue();
        assertThat(d.get("description").asText()).isEqualTo("a forklift");
        assertThat(d.get("tags")).isEqualTo(Http.json("['forklift','test']"));
        assertThat(d.get("status").asText()).isEqualTo("debug");
        assertThat(d.get("period").asLong()).isEqualTo(30);
        assertThat(d.get("customIds").get("mac").asText())
                .isEqualTo(body.get("customIds").get("mac").asText());
        assertThat(d.get("timezone").asText()).isEqualTo("Vancouver UTC-08:00");
        assertThat(d.get("annotateWithLoc").asBoolean()).isTrue();
        assertThat(d.get("annotateWithMeta").asBoolean()).isTrue();
        assertThat(d.get("location")).isEqualTo(body.get("location"));
        assertThat(d.get("locked").asBoolean()).isFalse();
        assertThat(d.get("dateCreated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(d.get("dateModified").asText())
                .isEqualTo(d.get("dateCreated").asText());
        assertThat(assertOk(admin.get("/v3/devices/" + d.get("id").asText()))).isEqualTo(d);
    }

    @Test
    void create_withOnlyNameAndProfile_defaultsStatusEnabledPeriodZeroAndEmitsUnsetFieldsAsNull() {
        JsonNode d = create(newDevice());

        assertThat(iterable(d.fieldNames())).containsExactlyInAnyOrderElementsOf(FIELDS);
        assertThat(d.get("status").asText()).isEqualTo("enabled");
        assertThat(d.get("period").isIntegralNumber()).isTrue();
        assertThat(d.get("period").asLong()).isZero();
        assertThat(d.get("friendlyName").isNull()).isTrue();
        assertThat(d.get("description").isNull()).isTrue();
        assertThat(d.get("timezone").isNull()).isTrue();
        assertThat(d.get("location").isNull()).isTrue();
        assertThat(d.get("annotateWithLoc").asBoolean()).isFalse();
        assertThat(d.get("annotateWithMeta").asBoolean()).isFalse();
        assertThat(d.get("locked").asBoolean()).isFalse();
        assertThat(d.get("apps").isArray() && d.get("apps").isEmpty()).isTrue();
        assertThat(d.get("tags").isArray() && d.get("tags").isEmpty()).isTrue();
        assertThat(d.get("customIds").isObject() && d.get("customIds").isEmpty())
                .isTrue();
    }

    @Test
    void create_fromArray_returnsAnArrayOfTheCreatedDevicesInOrder() {
        ArrayNode body = Http.JSON.createArrayNode().add(newDevice()).add(newDevice());

        Http.Resp r = admin.post("/v3/devices", body);

        JsonNode arr = assertOk(r);
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(arr.get(i).get("name").asText())
                    .isEqualTo(body.get(i).get("name").asText());
            assertThat(arr.get(i).get("id").asText()).matches(DEVICE_ID);
            assertOk(admin.get("/v3/devices/" + arr.get(i).get("id").asText()));
        }
        assertThat(arr.get(0).get("id").asText())
                .isNotEqualTo(arr.get(1).get("id").asText());
    }

    @Test
    void create_fromArrayOfOne_stillReturnsAnArray() {
        JsonNode arr =
                assertOk(admin.post("/v3/devices", Http.JSON.createArrayNode().add(newDevice())));

        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(1);
    }

    @Test
    void create_fromArrayWithOneInvalidItem_createsNothingAndNamesTheFieldWithItsIndex() {
        ObjectNode good = newDevice();
        ObjectNode bad = device("1-starts-with-a-digit", profile.get("name").asText());

        Http.Resp r =
                admin.post("/v3/devices", Http.JSON.createArrayNode().add(good).add(bad));

        assertInvalid(r, "[1].name");
        assertError(admin.get("/v3/devices/" + good.get("name").asText()), 404, "ResourceNotFound");
    }

    @Test
    void create_fromArrayWithABadFieldDeepInAnItem_namesThePathWithTheIndex() {
        ObjectNode bad = newDevice();
        bad.set("location", DeviceItSupport.obj("{'geo':{'lat':91,'lon':0}}"));

        Http.Resp r = admin.post(
                "/v3/devices",
                Http.JSON.createArrayNode().add(newDevice()).add(newDevice()).add(bad));

        assertInvalid(r, "[2].location.geo.lat");
    }

    @Test
    void create_emptyArray_is400() {
        assertError(admin.post("/v3/devices", Http.JSON.createArrayNode()), 400);
    }

    @Test
    void bulk_createsEveryDeviceOfTheArrayAndReturnsThem() {
        ArrayNode body =
                Http.JSON.createArrayNode().add(newDevice()).add(newDevice()).add(newDevice());

        JsonNode arr = assertOk(admin.post("/v3/devices/bulk", body));

        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(3);
        for (JsonNode d : arr) {
            assertOk(admin.get("/v3/devices/" + d.get("id").asText()));
        }
    }

    @Test
    void bulk_withOneInvalidItem_createsNothing() {
        ObjectNode good = newDevice();
        ObjectNode bad = newDevice().put("period", -1);

        assertInvalid(
                admin.post(
                        "/v3/devices/bulk",
                        Http.JSON.createArrayNode().add(good).add(bad)),
                "[1].period");
        assertError(admin.get("/v3/devices/" + good.get("name").asText()), 404, "ResourceNotFound");
    }

    @Test
    void bulk_withAnObjectInsteadOfAnArray_is400() {
        assertError(admin.post("/v3/devices/bulk", newDevice()), 400);
    }

    // ---- profile -------------------------------------------------------------------------

    @Test
    void create_acceptsTheProfileByNameInAnyCaseOrById() {
        String profileName = profile.get("name").asText();
        JsonNode byUpper = create(device(unique("dev"), profileName.toUpperCase()));
        JsonNode byId = create(device(unique("dev"), profile.get("id").asText()));
        JsonNode byBuiltin = create(device(unique("dev"), "gateway"));

        assertThat(byUpper.get("profileId").asText())
                .isEqualTo(profile.get("id").asText());
        assertThat(byId.get("profileId").asText()).isEqualTo(profile.get("id").asText());
        String gatewayId =
                assertOk(admin.get("/v3/deviceprofiles/Gateway")).get("id").asText();
        assertThat(byBuiltin.get("profileId").asText()).isEqualTo(gatewayId);
    }

    @Test
    void create_withoutProfile_is400NamingProfile() {
        ObjectNode body = Http.JSON.createObjectNode().put("name", unique("dev"));

        assertInvalid(admin.post("/v3/devices", body), "profile");
    }

    @Test
    void create_withUnknownProfile_is400NamingProfile() {
        assertInvalid(admin.post("/v3/devices", device(unique("dev"), "no-such-profile")), "profile");
        assertInvalid(admin.post("/v3/devices", device(unique("dev"), "_dpf_999999999999999999")), "profile");
    }

    @Test
    void create_withAProfileOfAnotherAccount_is400NamingProfile() {
        String sub = createSubAccount(admin);
        JsonNode foreign = createProfile(admin, "/v3/accounts/" + sub, unique("Foreign"), null);

        assertInvalid(
                admin.post(
                        "/v3/devices", device(unique("dev"), foreign.get("id").asText())),
                "profile");
        assertInvalid(
                admin.post(
                        "/v3/devices", device(unique("dev"), foreign.get("name").asText())),
                "profile");
    }

    // ---- name ----------------------------------------------------------------------------

    @Test
    void create_withNameBreakingTheNamingRule_is400NamingName() {
        for (String bad : List.of("", "9lives", "has space", "semi;colon", "_underscore", "a".repeat(65))) {
            assertInvalid(
                    admin.post("/v3/devices", device(bad, profile.get("name").asText())), "name");
        }
        ObjectNode noName =
                Http.JSON.createObjectNode().put("profile", profile.get("name").asText());
        assertInvalid(admin.post("/v3/devices", noName), "name");
        ObjectNode numberName = newDevice().put("name", 42);
        assertInvalid(admin.post("/v3/devices", numberName), "name");
    }

    @Test
    void create_acceptsNamesWithDotsDashesUnderscoresUpTo64Characters() {
        String name = ("Z" + unique("a.b_c-d")).replace('-', '_');
        String longName = name + "x".repeat(64 - name.length());

        assertThat(create(device(longName, profile.get("name").asText()))
                        .get("name")
                        .asText())
                .isEqualTo(longName);
    }

    @Test
    void create_withANameTakenInAnyCase_is409() {
        String name = unique("Dup");
        create(device(name, profile.get("name").asText()));

        assertError(
                admin.post(
                        "/v3/devices",
                        device(name.toUpperCase(), profile.get("name").asText())),
                409);
        assertError(
                admin.post(
                        "/v3/devices",
                        device(name.toLowerCase(), profile.get("name").asText())),
                409);
    }

    @Test
    void create_arrayRepeatingANameInAnyCase_is409AndCreatesNothing() {
        String name = unique("Twice");
        ArrayNode body = Http.JSON
                .createArrayNode()
                .add(device(name, profile.get("name").asText()))
                .add(device(name.toUpperCase(), profile.get("name").asText()));

        assertError(admin.post("/v3/devices", body), 409);
        assertError(admin.get("/v3/devices/" + name), 404, "ResourceNotFound");
    }

    @Test
    void update_renamingToANameTakenInAnyCase_is409() {
        JsonNode a = create(newDevice());
        JsonNode b = create(newDevice());

        Http.Resp r = admin.put(
                "/v3/devices/" + b.get("id").asText(),
                Http.JSON.createObjectNode().put("name", a.get("name").asText().toUpperCase()));

        assertError(r, 409);
        assertThat(assertOk(admin.get("/v3/devices/" + b.get("id").asText())).get("name"))
                .isEqualTo(b.get("name"));
    }

    @Test
    void update_renamingToItsOwnNameInAnotherCase_isAllowed() {
        JsonNode a = create(newDevice());
        String upper = a.get("name").asText().toUpperCase();

        JsonNode u = assertOk(admin.put(
                "/v3/devices/" + a.get("id").asText(),
                Http.JSON.createObjectNode().put("name", upper)));

        assertThat(u.get("name").asText()).isEqualTo(upper);
    }

    // ---- custom ids ------------------------------------------------------------------------

    @Test
    void create_storesCustomIdsOfEveryAllowedType() {
        ObjectNode ids = Http.JSON.createObjectNode();
        for (String type : List.of("sn", "mac", "imei", "esn")) {
            ids.put(type, unique(type.toUpperCase()));
        }
        ObjectNode body = newDevice();
        body.set("customIds", ids);

        assertThat(create(body).get("customIds")).isEqualTo(ids);
    }

    @Test
    void create_withAnUnknownCustomIdType_is400NamingIt() {
        ObjectNode body = newDevice();
        body.set("customIds", DeviceItSupport.obj("{'serial':'X1'}"));

        assertInvalid(admin.post("/v3/devices", body), "customIds.serial");
    }

    @Test
    void create_withACustomIdLongerThan64OrNotAscii_is400NamingIt() {
        ObjectNode tooLong = newDevice();
        tooLong.putObject("customIds").put("sn", "S".repeat(65));
        ObjectNode notAscii = newDevice();
        notAscii.putObject("customIds").put("sn", "Sé-" + unique("x"));
        ObjectNode notString = newDevice();
        notString.putObject("customIds").put("imei", 12345);
        ObjectNode exactly64 = newDevice();
        String sixtyFour = (unique("S") + "s".repeat(64)).substring(0, 64);
        exactly64.putObject("customIds").put("sn", sixtyFour);

        assertInvalid(admin.post("/v3/devices", tooLong), "customIds.sn");
        assertInvalid(admin.post("/v3/devices", notAscii), "customIds.sn");
        assertInvalid(admin.post("/v3/devices", notString), "customIds.imei");
        assertThat(create(exactly64).get("customIds").get("sn").asText()).isEqualTo(sixtyFour);
    }

    @Test
    void create_reusingACustomIdOfTheAccount_is409() {
        String sn = unique("SN");
        ObjectNode first = newDevice();
        first.putObject("customIds").put("sn", sn);
        create(first);
        ObjectNode second = newDevice();
        second.putObject("customIds").put("sn", sn);

        assertError(admin.post("/v3/devices", second), 409);
        assertError(admin.get("/v3/devices/" + second.get("name").asText()), 404);
    }

    @Test
    void create_customIdValuesAreCaseSensitive() {
        String mac = unique("ab:cd");
        ObjectNode first = newDevice();
        first.putObject("customIds").put("mac", mac);
        ObjectNode second = newDevice();
        second.putObject("customIds").put("mac", mac.toUpperCase());

        create(first);
        assertThat(create(second).get("customIds").get("mac").asText()).isEqualTo(mac.toUpperCase());
    }

    @Test
    void create_arrayRepeatingACustomId_is409AndCreatesNothing() {
        String imei = unique("IMEI");
        ObjectNode a = newDevice();
        a.putObject("customIds").put("imei", imei);
        ObjectNode b = newDevice();
        b.putObject("customIds").put("imei", imei);

        assertError(admin.post("/v3/devices", Http.JSON.createArrayNode().add(a).add(b)), 409);
        assertError(admin.get("/v3/devices/" + a.get("name").asText()), 404);
    }

    @Test
    void update_takingACustomIdOfAnotherDevice_is409() {
        String esn = unique("ESN");
        ObjectNode a = newDevice();
        a.putObject("customIds").put("esn", esn);
        create(a);
        JsonNode b = create(newDevice());

        Http.Resp r = admin.put(
                "/v3/devices/" + b.get("id").asText(), DeviceItSupport.obj("{'customIds':{'esn':'" + esn + "'}}"));

        assertError(r, 409);
    }

    @Test
    void create_aCustomIdUsedInAnotherAccount_isAllowed() {
        String sn = unique("SN");
        String sub = createSubAccount(admin);
        JsonNode subProfile = createProfile(admin, "/v3/accounts/" + sub, unique("P"), null);
        ObjectNode inSub = device(unique("dev"), subProfile.get("name").asText());
        inSub.putObject("customIds").put("sn", sn);
        createDevice(admin, "/v3/accounts/" + sub, inSub);
        ObjectNode here = newDevice();
        here.putObject("customIds").put("sn", sn);

        assertThat(create(here).get("customIds").get("sn").asText()).isEqualTo(sn);
    }

    // ---- location, period, status ------------------------------------------------------------

    @Test
    void create_withLatitudeOutOfRange_is400NamingLocationGeoLat() {
        ObjectNode body = newDevice();
        body.set("location", DeviceItSupport.obj("{'zone':'z','geo':{'lat':91,'lon':0}}"));

        assertInvalid(admin.post("/v3/devices", body), "location.geo.lat");
    }

    @Test
    void create_withLongitudeOutOfRangeOrNonNumericLatitude_is400NamingIt() {
        ObjectNode lon = newDevice();
        lon.set("location", DeviceItSupport.obj("{'geo':{'lat':0,'lon':-180.5}}"));
        ObjectNode latText = newDevice();
        latText.set("location", DeviceItSupport.obj("{'geo':{'lat':'north','lon':0}}"));
        ObjectNode notObject = newDevice().put("location", "Vancouver");

        assertInvalid(admin.post("/v3/devices", lon), "location.geo.lon");
        assertInvalid(admin.post("/v3/devices", latText), "location.geo.lat");
        assertInvalid(admin.post("/v3/devices", notObject), "location");
    }

    @Test
    void create_withNegativePeriod_is400NamingPeriod() {
        assertInvalid(admin.post("/v3/devices", newDevice().put("period", -5)), "period");
    }

    @Test
    void create_withPeriodAsStringOrFraction_is400NamingPeriod() {
        assertInvalid(admin.post("/v3/devices", newDevice().put("period", "60")), "period");
        assertInvalid(admin.post("/v3/devices", newDevice().put("period", 1.5)), "period");
    }

    @Test
    void update_withNegativeOrStringPeriod_is400NamingPeriodAndChangesNothing() {
        JsonNode d = create(newDevice().put("period", 10));
        String path = "/v3/devices/" + d.get("id").asText();

        assertInvalid(admin.put(path, Http.JSON.createObjectNode().put("period", -1)), "period");
        assertInvalid(admin.put(path, Http.JSON.createObjectNode().put("period", "ten")), "period");
        assertThat(assertOk(admin.get(path)).get("period").asLong()).isEqualTo(10);
    }

    @Test
    void create_withInvalidStatus_is400NamingStatus() {
        assertInvalid(admin.post("/v3/devices", newDevice().put("status", "broken")), "status");
        assertInvalid(admin.post("/v3/devices", newDevice().put("status", 1)), "status");
    }

    @Test
    void update_withInvalidStatus_is400AndValidStatusesAreAccepted() {
        JsonNode d = create(newDevice());
        String path = "/v3/devices/" + d.get("id").asText();

        assertInvalid(admin.put(path, Http.JSON.createObjectNode().put("status", "off")), "status");
        for (String s : List.of("disabled", "debug", "enabled")) {
            assertThat(assertOk(admin.put(path, Http.JSON.createObjectNode().put("status", s)))
                            .get("status")
                            .asText())
                    .isEqualTo(s);
        }
    }

    @Test
    void update_withLocationNull_unsetsTheLocation() {
        ObjectNode body = newDevice();
        body.set("location", DeviceItSupport.obj("{'zone':'kitchen','geo':{'lat':10,'lon':20}}"));
        JsonNode d = create(body);
        String path = "/v3/devices/" + d.get("id").asText();

        JsonNode updated = assertOk(admin.put(path, Http.json("{'location':null}")));

        assertThat(updated.get("location").isNull()).isTrue();
        assertThat(assertOk(admin.get(path)).get("location").isNull()).isTrue();
    }

    @Test
    void update_withNullForOptionalTextFields_unsetsThem() {
        JsonNode d = create(newDevice().put("friendlyName", "Kitchen").put("timezone", "UTC"));
        String path = "/v3/devices/" + d.get("id").asText();

        JsonNode u = assertOk(admin.put(path, Http.json("{'friendlyName':null,'timezone':null,'customIds':null}")));

        assertThat(u.get("friendlyName").isNull()).isTrue();
        assertThat(u.get("timezone").isNull()).isTrue();
        assertThat(assertOk(admin.get(path))).isEqualTo(u);
    }

    // ---- read ------------------------------------------------------------------------------

    @Test
    void get_findsTheDeviceByIdAndByNameInAnyCase() {
        JsonNode d = create(device(unique("Kitchen.Sensor"), profile.get("name").asText()));
        String name = d.get("name").asText();

        assertThat(assertOk(admin.get("/v3/devices/" + d.get("id").asText()))).isEqualTo(d);
        assertThat(assertOk(admin.get("/v3/devices/" + name))).isEqualTo(d);
        assertThat(assertOk(admin.get("/v3/devices/" + name.toUpperCase()))).isEqualTo(d);
        assertThat(assertOk(admin.get("/v3/devices/" + name.toLowerCase()))).isEqualTo(d);
        assertThat(assertOk(admin.get("/v3/accounts/_this_/devices/" + name))).isEqualTo(d);
    }

    @Test
    void get_unknownDevice_is404ResourceNotFound() {
        assertError(admin.get("/v3/devices/no-such-device"), 404, "ResourceNotFound");
        assertError(admin.get("/v3/devices/_dev_999999999999999999"), 404, "ResourceNotFound");
    }

    @Test
    void devices_withoutCredentials_is401() {
        assertError(admin.anonymous().get("/v3/devices"), 401);
        assertError(
                admin.as(new Http.Key("_key_1", "00000000000000000000000000000000"))
                        .get("/v3/devices"),
                401);
    }

    @Test
    void create_withMalformedJson_is400() {
        assertError(admin.post("/v3/devices", "{\"name\": "), 400);
        assertError(admin.post("/v3/devices", "\"just a string\""), 400);
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

        JsonNode u = assertOk(admin.put(
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
        assertThat(assertOk(admin.get(path))).isEqualTo(u);
    }

    @Test
    void update_renames_theNewNameFindsItAndTheOldOneNoLonger() {
        JsonNode d = create(newDevice());
        String newName = unique("renamed");

        assertOk(admin.put(
                "/v3/devices/" + d.get("name").asText(),
                Http.JSON.createObjectNode().put("name", newName)));

        assertThat(assertOk(admin.get("/v3/devices/" + newName)).get("id")).isEqualTo(d.get("id"));
        assertError(admin.get("/v3/devices/" + d.get("name").asText()), 404, "ResourceNotFound");
    }

    @Test
    void update_unknownDevice_is404() {
        assertError(
                admin.put("/v3/devices/no-such-device", Http.json("{'friendlyName':'x'}")), 404, "ResourceNotFound");
    }

    @Test
    void update_withTheWholeDeviceAsReadBack_isAcceptedAndChangesNothingButDateModified() {
        ObjectNode body = newDevice().put("friendlyName", "Round trip").put("period", 5);
        body.putObject("customIds").put("sn", unique("SN"));
        body.set("location", DeviceItSupport.obj("{'zone':'z','geo':{'lat':1,'lon':2}}"));
        JsonNode d = create(body);
        String path = "/v3/devices/" + d.get("id").asText();

        JsonNode u = assertOk(admin.put(path, d));

        ObjectNode expected = d.deepCopy();
        expected.set("dateModified", u.get("dateModified"));
        assertThat(u).isEqualTo(expected);
    }

    @Test
    void update_namingItsOwnProfileByNameOrId_isAccepted_anotherProfileIs400() {
        JsonNode d = create(newDevice());
        String path = "/v3/devices/" + d.get("id").asText();

        assertOk(admin.put(
                path,
                Http.JSON
                        .createObjectNode()
                        .put("profile", profile.get("name").asText().toLowerCase())));
        assertOk(admin.put(
                path,
                Http.JSON.createObjectNode().put("profile", profile.get("id").asText())));
        assertInvalid(admin.put(path, Http.JSON.createObjectNode().put("profile", "Gateway")), "profile");
        assertThat(assertOk(admin.get(path)).get("profileId")).isEqualTo(profile.get("id"));
    }

    @Test
    void lockedDevice_cannotBeModifiedOrDeleted_untilUnlocked() {
        JsonNode d = create(newDevice().put("locked", true));
        String path = "/v3/devices/" + d.get("id").asText();

        assertError(admin.put(path, Http.json("{'friendlyName':'x'}")), 403);
        assertError(admin.delete(path), 403);
        assertThat(assertOk(admin.put(path, Http.json("{'locked':false}")))
                        .get("locked")
                        .asBoolean())
                .isFalse();
        assertThat(assertOk(admin.delete(path)).get("nrOfItems").asInt()).isEqualTo(1);
    }

    @Test
    void update_withAnArrayOrNonObjectBody_is400() {
        JsonNode d = create(newDevice());

        assertError(admin.put("/v3/devices/" + d.get("id").asText(), "[]"), 400);
        assertError(admin.put("/v3/devices/" + d.get("id").asText(), "42"), 400);
    }

    // ---- delete ----------------------------------------------------------------------------

    @Test
    void delete_answersNrOfItemsOne_thenTheDeviceIsGoneAndItsKeyStopsWorking() {
        JsonNode d = create(newDevice());
        String path = "/v3/devices/" + d.get("id").asText();
        JsonNode key = assertOk(admin.get(path + "/apikey"));
        assertOk(admin.as(key).get("/v3/devices/_this_"));

        JsonNode deleted = assertOk(admin.delete(path));

        assertThat(deleted).isEqualTo(Http.json("{'nrOfItems':1}"));
        assertError(admin.get(path), 404, "ResourceNotFound");
        assertError(admin.get("/v3/devices/" + d.get("name").asText()), 404, "ResourceNotFound");
        assertError(admin.delete(path), 404, "ResourceNotFound");
        assertError(admin.as(key).get("/v3/devices/_this_"), 401);
    }

    @Test
    void delete_byName_freesTheNameAndCustomIdsForReuse() {
        String sn = unique("SN");
        ObjectNode body = newDevice();
        body.putObject("customIds").put("sn", sn);
        JsonNode d = create(body);

        assertOk(admin.delete("/v3/devices/" + d.get("name").asText().toUpperCase()));

        JsonNode again = create(body.deepCopy());
        assertThat(again.get("id").asText()).isNotEqualTo(d.get("id").asText());
    }

    // ---- isolation -------------------------------------------------------------------------

    @Test
    void anotherAccountsDevice_isNotFound() {
        String sub = createSubAccount(admin);
        String subPath = "/v3/accounts/" + sub;
        JsonNode subProfile = createProfile(admin, subPath, unique("P"), null);
        JsonNode foreign = createDevice(
                admin, subPath, device(unique("dev"), subProfile.get("id").asText()));
        String id = foreign.get("id").asText();
        String name = foreign.get("name").asText();

        assertThat(foreign.get("accountId").asText()).isEqualTo(sub);
        assertThat(assertOk(admin.get(subPath + "/devices/" + id))).isEqualTo(foreign);
        assertError(admin.get("/v3/devices/" + id), 404, "ResourceNotFound");
        assertError(admin.get("/v3/devices/" + name), 404, "ResourceNotFound");
        assertError(admin.put("/v3/devices/" + id, Http.json("{'friendlyName':'x'}")), 404, "ResourceNotFound");
        assertError(admin.delete("/v3/devices/" + id), 404, "ResourceNotFound");
        assertError(admin.get("/v3/devices/" + id + "/apikey"), 404, "ResourceNotFound");
        assertError(admin.post("/v3/devices/" + id + "/apikey", null), 404, "ResourceNotFound");
        assertThat(assertOk(admin.get(subPath + "/devices/" + id))).isEqualTo(foreign);
    }

    @Test
    void aSubAccountMayUseADeviceNameTakenInItsParent() {
        JsonNode here = create(newDevice());
        String sub = createSubAccount(admin);
        JsonNode subProfile = createProfile(admin, "/v3/accounts/" + sub, unique("P"), null);

        JsonNode there = createDevice(
                admin,
                "/v3/accounts/" + sub,
                device(here.get("name").asText(), subProfile.get("name").asText()));

        assertThat(there.get("id").asText()).isNotEqualTo(here.get("id").asText());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
