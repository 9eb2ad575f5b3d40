package io.thingstead.api;

import static io.thingstead.api.DeviceItSupport.assertInvalid;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.deviceBody;
import static io.thingstead.testing.Fixtures.subAccount;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /v3/devices}: create (one, array, bulk), the profile reference and the naming rules. */
class DevicesIT extends DevicesItBase {
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
        assertThat(body(admin.get("/v3/devices/" + d.get("id").asText()))).isEqualTo(d);
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

        JsonNode arr = body(r);
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(arr.get(i).get("name").asText())
                    .isEqualTo(body.get(i).get("name").asText());
            assertThat(arr.get(i).get("id").asText()).matches(DEVICE_ID);
            body(admin.get("/v3/devices/" + arr.get(i).get("id").asText()));
        }
        assertThat(arr.get(0).get("id").asText())
                .isNotEqualTo(arr.get(1).get("id").asText());
    }

    @Test
    void create_fromArrayOfOne_stillReturnsAnArray() {
        JsonNode arr =
                body(admin.post("/v3/devices", Http.JSON.createArrayNode().add(newDevice())));

        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(1);
    }

    @Test
    void create_fromArrayWithOneInvalidItem_createsNothingAndNamesTheFieldWithItsIndex() {
        ObjectNode good = newDevice();
        ObjectNode bad = deviceBody("1-starts-with-a-digit", profile.get("name").asText());

        Http.Resp r =
                admin.post("/v3/devices", Http.JSON.createArrayNode().add(good).add(bad));

        assertInvalid(r, "[1].name");
        ApiAssert.error(admin.get("/v3/devices/" + good.get("name").asText()), 404, "ResourceNotFound");
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
        ApiAssert.error(admin.post("/v3/devices", Http.JSON.createArrayNode()), 400);
    }

    @Test
    void bulk_createsEveryDeviceOfTheArrayAndReturnsThem() {
        ArrayNode body =
                Http.JSON.createArrayNode().add(newDevice()).add(newDevice()).add(newDevice());

        JsonNode arr = body(admin.post("/v3/devices/bulk", body));

        assertThat(arr.isArray()).isTrue();
        assertThat(arr).hasSize(3);
        for (JsonNode d : arr) {
            body(admin.get("/v3/devices/" + d.get("id").asText()));
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
        ApiAssert.error(admin.get("/v3/devices/" + good.get("name").asText()), 404, "ResourceNotFound");
    }

    @Test
    void bulk_withAnObjectInsteadOfAnArray_is400() {
        ApiAssert.error(admin.post("/v3/devices/bulk", newDevice()), 400);
    }

    // ---- profile -------------------------------------------------------------------------

    @Test
    void create_acceptsTheProfileByNameInAnyCaseOrById() {
        String profileName = profile.get("name").asText();
        JsonNode byUpper = create(deviceBody(unique("dev"), profileName.toUpperCase()));
        JsonNode byId = create(deviceBody(unique("dev"), profile.get("id").asText()));
        JsonNode byBuiltin = create(deviceBody(unique("dev"), "gateway"));

        assertThat(byUpper.get("profileId").asText())
                .isEqualTo(profile.get("id").asText());
        assertThat(byId.get("profileId").asText()).isEqualTo(profile.get("id").asText());
        String gatewayId =
                body(admin.get("/v3/deviceprofiles/Gateway")).get("id").asText();
        assertThat(byBuiltin.get("profileId").asText()).isEqualTo(gatewayId);
    }

    @Test
    void create_withoutProfile_is400NamingProfile() {
        ObjectNode body = Http.JSON.createObjectNode().put("name", unique("dev"));

        assertInvalid(admin.post("/v3/devices", body), "profile");
    }

    @Test
    void create_withUnknownProfile_is400NamingProfile() {
        assertInvalid(admin.post("/v3/devices", deviceBody(unique("dev"), "no-such-profile")), "profile");
        assertInvalid(admin.post("/v3/devices", deviceBody(unique("dev"), "_dpf_999999999999999999")), "profile");
    }

    @Test
    void create_withAProfileOfAnotherAccount_is400NamingProfile() {
        String sub = subAccount(admin);
        JsonNode foreign = Fixtures.profile(admin, "/v3/accounts/" + sub, unique("Foreign"), null);

        assertInvalid(
                admin.post(
                        "/v3/devices",
                        deviceBody(unique("dev"), foreign.get("id").asText())),
                "profile");
        assertInvalid(
                admin.post(
                        "/v3/devices",
                        deviceBody(unique("dev"), foreign.get("name").asText())),
                "profile");
    }

    // ---- name ----------------------------------------------------------------------------

    @Test
    void create_withNameBreakingTheNamingRule_is400NamingName() {
        for (String bad : List.of("", "9lives", "has space", "semi;colon", "_underscore", "a".repeat(65))) {
            assertInvalid(
                    admin.post(
                            "/v3/devices", deviceBody(bad, profile.get("name").asText())),
                    "name");
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

        assertThat(create(deviceBody(longName, profile.get("name").asText()))
                        .get("name")
                        .asText())
                .isEqualTo(longName);
    }

    @Test
    void create_withANameTakenInAnyCase_is409() {
        String name = unique("Dup");
        create(deviceBody(name, profile.get("name").asText()));

        ApiAssert.error(
                admin.post(
                        "/v3/devices",
                        deviceBody(name.toUpperCase(), profile.get("name").asText())),
                409);
        ApiAssert.error(
                admin.post(
                        "/v3/devices",
                        deviceBody(name.toLowerCase(), profile.get("name").asText())),
                409);
    }

    @Test
    void create_arrayRepeatingANameInAnyCase_is409AndCreatesNothing() {
        String name = unique("Twice");
        ArrayNode body = Http.JSON
                .createArrayNode()
                .add(deviceBody(name, profile.get("name").asText()))
                .add(deviceBody(name.toUpperCase(), profile.get("name").asText()));

        ApiAssert.error(admin.post("/v3/devices", body), 409);
        ApiAssert.error(admin.get("/v3/devices/" + name), 404, "ResourceNotFound");
    }

    @Test
    void update_renamingToANameTakenInAnyCase_is409() {
        JsonNode a = create(newDevice());
        JsonNode b = create(newDevice());

        Http.Resp r = admin.put(
                "/v3/devices/" + b.get("id").asText(),
                Http.JSON.createObjectNode().put("name", a.get("name").asText().toUpperCase()));

        ApiAssert.error(r, 409);
        assertThat(body(admin.get("/v3/devices/" + b.get("id").asText())).get("name"))
                .isEqualTo(b.get("name"));
    }

    @Test
    void update_renamingToItsOwnNameInAnotherCase_isAllowed() {
        JsonNode a = create(newDevice());
        String upper = a.get("name").asText().toUpperCase();

        JsonNode u = body(admin.put(
                "/v3/devices/" + a.get("id").asText(),
                Http.JSON.createObjectNode().put("name", upper)));

        assertThat(u.get("name").asText()).isEqualTo(upper);
    }
}
