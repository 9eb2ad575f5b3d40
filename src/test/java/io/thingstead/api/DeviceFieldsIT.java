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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Device fields: custom ids (account-unique), location, period and status validation. */
class DeviceFieldsIT extends DevicesItBase {
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

        ApiAssert.error(admin.post("/v3/devices", second), 409);
        ApiAssert.error(admin.get("/v3/devices/" + second.get("name").asText()), 404);
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

        ApiAssert.error(
                admin.post("/v3/devices", Http.JSON.createArrayNode().add(a).add(b)), 409);
        ApiAssert.error(admin.get("/v3/devices/" + a.get("name").asText()), 404);
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

        ApiAssert.error(r, 409);
    }

    @Test
    void create_aCustomIdUsedInAnotherAccount_isAllowed() {
        String sn = unique("SN");
        String sub = subAccount(admin);
        JsonNode subProfile = Fixtures.profile(admin, "/v3/accounts/" + sub, unique("P"), null);
        ObjectNode inSub = deviceBody(unique("dev"), subProfile.get("name").asText());
        inSub.putObject("customIds").put("sn", sn);
        Fixtures.device(admin, "/v3/accounts/" + sub, inSub);
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
        assertThat(body(admin.get(path)).get("period").asLong()).isEqualTo(10);
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
            assertThat(body(admin.put(path, Http.JSON.createObjectNode().put("status", s)))
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

        JsonNode updated = body(admin.put(path, Http.json("{'location':null}")));

        assertThat(updated.get("location").isNull()).isTrue();
        assertThat(body(admin.get(path)).get("location").isNull()).isTrue();
    }

    @Test
    void update_withNullForOptionalTextFields_unsetsThem() {
        JsonNode d = create(newDevice().put("friendlyName", "Kitchen").put("timezone", "UTC"));
        String path = "/v3/devices/" + d.get("id").asText();

        JsonNode u = body(admin.put(path, Http.json("{'friendlyName':null,'timezone':null,'customIds':null}")));

        assertThat(u.get("friendlyName").isNull()).isTrue();
        assertThat(u.get("timezone").isNull()).isTrue();
        assertThat(body(admin.get(path))).isEqualTo(u);
    }
}
