package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unknown fields in every body are refused with the nearest known name; every field an entity
 * emits is accepted back (clients GET an entity and PUT it whole); read-only fields cannot change.
 */
class BodyFieldsSecurityIT extends InputSecurityItBase {

    /** A request, the unknown field it carries (by path) and the name it meant. */
    record Typo(String method, String path, String body, String field, String meant) {}

    static List<Typo> typos() {
        String props = "/v3/deviceprofiles/" + profile + "/properties";
        String newProp = "{\"name\":\"" + unique("p") + "\",\"type\":\"number\",";
        String data = "/v3/data/devices/" + deviceId + "/properties/temperature";
        return List.of(
                new Typo(
                        "POST",
                        "/v3/accounts",
                        "{\"name\":\"" + unique("a") + "\",\"frendlyName\":\"x\"}",
                        "frendlyName",
                        "friendlyName"),
                new Typo("PUT", "/v3/accounts/_this_", "{\"descripton\":\"x\"}", "descripton", "description"),
                new Typo(
                        "POST",
                        "/v3/accounts",
                        "{\"name\":\"" + unique("a") + "\",\"plan\":{\"tpye\":\"trial\"}}",
                        "plan.tpye",
                        "type"),
                new Typo(
                        "POST",
                        "/v3/accounts",
                        "{\"name\":\"" + unique("a") + "\",\"user\":{\"name\":\"x\",\"emial\":\"x@example.com\"}}",
                        "user.emial",
                        "email"),
                new Typo(
                        "POST",
                        "/v3/accounts",
                        "{\"name\":\"" + unique("a") + "\",\"import\":{\"deviceProfile\":{\"type\":\"all\"}}}",
                        "import.deviceProfile",
                        "deviceProfiles"),
                new Typo(
                        "POST",
                        "/v3/users",
                        "{\"email\":\"" + unique("u") + "@example.com\",\"rol\":\"user\"}",
                        "rol",
                        "role"),
                new Typo(
                        "POST",
                        "/v3/apiclients",
                        "{\"name\":\"" + unique("c") + "\",\"scopes\":[]}",
                        "scopes",
                        "scope"),
                new Typo(
                        "POST",
                        "/v3/apiclients",
                        "{\"name\":\"" + unique("c") + "\",\"context\":{\"type\":\"account\",\"id\":[]}}",
                        "context.id",
                        "ids"),
                new Typo("PUT", "/v3/apiclients/" + client + "/apikey", "{\"ratelimit\":5}", "ratelimit", "rateLimit"),
                new Typo("PUT", "/v3/devices/" + deviceId + "/apikey", "{\"contex\":{}}", "contex", "context"),
                new Typo(
                        "POST",
                        "/v3/deviceprofiles",
                        "{\"name\":\"" + unique("P") + "\",\"baseProfil\":\"Device\"}",
                        "baseProfil",
                        "baseProfile"),
                new Typo("POST", props, newProp + "\"boundary\":{\"min\":0}}", "boundary", "boundaries"),
                new Typo("POST", props, newProp + "\"boundaries\":{\"minimum\":0}}", "boundaries.minimum", "min"),
                new Typo(
                        "POST",
                        props,
                        newProp + "\"measurement\":{\"type\":\"custom\",\"units\":{}}}",
                        "measurement.units",
                        "unit"),
                new Typo(
                        "POST",
                        props,
                        newProp + "\"measurement\":{\"type\":\"custom\",\"unit\":{\"lable\":\"C\"}}}",
                        "measurement.unit.lable",
                        "label"),
                new Typo(
                        "POST",
                        props,
                        newProp + "\"retention\":{\"lifeTime\":\"3months\"}}",
                        "retention.lifeTime",
                        "lifetime"),
                new Typo(
                        "POST",
                        props,
                        newProp + "\"retention\":{\"condition\":{\"wen\":\"always\"}}}",
                        "retention.condition.wen",
                        "when"),
                new Typo(
                        "POST",
                        "/v3/properties",
                        newProp + "\"ownerId\":\"" + profile + "\",\"acess\":\"public\"}",
                        "acess",
                        "access"),
                new Typo("PUT", props + "/temperature", "{\"publsh\":\"always\"}", "publsh", "publish"),
                new Typo(
                        "POST",
                        "/v3/devices",
                        "{\"name\":\"" + unique("d") + "\",\"profile\":\"" + profile + "\",\"perod\":5}",
                        "perod",
                        "period"),
                new Typo("PUT", "/v3/devices/" + deviceId, "{\"perod\":5}", "perod", "period"),
                new Typo("PUT", "/v3/devices/" + deviceId, "{\"location\":{\"zome\":\"a\"}}", "location.zome", "zone"),
                new Typo(
                        "PUT",
                        "/v3/devices/" + deviceId,
                        "{\"location\":{\"geo\":{\"lat\":1,\"lon\":2,\"alti\":3}}}",
                        "location.geo.alti",
                        "alt"),
                new Typo("PUT", "/v3/devices/" + deviceId, "{\"customIds\":{\"macc\":\"x\"}}", "customIds.macc", "mac"),
                new Typo("POST", data, "{\"dps\":[{\"v\":1}],\"props\":\"temperature\"}", "props", "prop"),
                new Typo("POST", data, "{\"dps\":[{\"v\":1},{\"value\":1}]}", "dps[1].value", "v"),
                new Typo(
                        "POST",
                        data + "/query",
                        "{\"startRelativ\":{\"value\":1,\"unit\":\"days\"}}",
                        "startRelativ",
                        "startRelative"),
                new Typo(
                        "POST",
                        data + "/query",
                        "{\"startRelative\":{\"value\":1,\"units\":\"days\"}}",
                        "startRelative.units",
                        "unit"),
                new Typo(
                        "POST",
                        data + "/query",
                        "{\"aggregators\":[{\"name\":\"avg\",\"samplng\":{\"value\":1,\"unit\":\"hours\"}}]}",
                        "aggregators[0].samplng",
                        "sampling"),
                new Typo(
                        "POST",
                        data + "/query",
                        "{\"groupBy\":[{\"name\":\"time\",\"rangesize\":{\"value\":1,\"unit\":\"hours\"}}]}",
                        "groupBy[0].rangesize",
                        "rangeSize"));
    }

    @Test
    void anUnknownField_inEveryBody_is400_namingItAndTheNearestKnownName() {
        for (Typo t : typos()) {
            assertBad(
                    api.send(t.method(), t.path(), t.body()),
                    "ValidationFailed",
                    "'" + t.field() + "' is not a known field; did you mean '" + t.meant() + "'?");
        }
    }

    @Test
    void theReportedTypos_changeNothing() {
        String prop = unique("p");
        assertBad(
                api.post(
                        "/v3/deviceprofiles/" + profile + "/properties",
                        "{\"name\":\"" + prop + "\",\"type\":\"number\",\"boundary\":{\"min\":0,\"max\":10}}"),
                "ValidationFailed",
                "'boundary'");
        assertThat(api.get("/v3/deviceprofiles/" + profile + "/properties/" + prop)
                        .status())
                .isEqualTo(404);

        String id = newDevice();
        assertBad(api.put("/v3/devices/" + id, "{\"perod\":5}"), "ValidationFailed", "did you mean 'period'?");
        assertThat(body(api.get("/v3/devices/" + id)).get("period").asInt()).isZero();
    }

    @Test
    void theConnioSpellingsAccepted_onPurpose() {
        String profileId =
                body(api.get("/v3/deviceprofiles/" + profile)).get("id").asText();
        String name = unique("alias");
        JsonNode d = body(api.post(
                "/v3/devices",
                "{\"name\":\"" + name + "\",\"profileId\":\"" + profileId + "\",\"loation\":{\"zone\":\"z1\"}}"));
        assertThat(d.get("location").get("zone").asText()).isEqualTo("z1");

        JsonNode updated = body(api.put("/v3/devices/" + name, "{\"custom_ids\":{\"sn\":\"" + unique("SN") + "\"}}"));
        assertThat(updated.get("customIds").has("sn")).isTrue();

        assertBad(
                api.put("/v3/devices/" + name, "{\"customIds\":{\"sn\":\"a\"},\"custom_ids\":{\"sn\":\"b\"}}"),
                "ValidationFailed",
                "'custom_ids' is the same field as 'customIds'");
        body(api.post(
                "/v3/deviceprofiles", "{\"name\":\"" + unique("P") + "\",\"baseProfileId\":\"" + profileId + "\"}"));
        body(api.post(
                "/v3/properties?owner=" + profile,
                "{\"name\":\"" + unique("p")
                        + "\",\"type\":\"number\",\"retention\":{\"context\":{\"type\":\"default\"}}}"));
        body(api.post(
                "/v3/data/devices/" + deviceId + "/properties/temperature/query",
                "{\"tags\":{\"source\":[\"object\"]},\"timeZone\":\"UTC\",\"excludeTags\":false}"));
    }

    @Test
    void everyEntity_readWithGet_isAcceptedBackWhole_andNothingChanges() {
        String sub = body(api.post("/v3/accounts", "{\"name\":\"" + unique("sub") + "\"}"))
                .get("id")
                .asText();
        String user = body(api.post("/v3/users", "{\"email\":\"" + unique("u") + "@example.com\"}"))
                .get("id")
                .asText();
        String propertyId = body(api.get("/v3/deviceprofiles/" + profile + "/properties/temperature"))
                .get("id")
                .asText();
        List<String> paths = List.of(
                "/v3/accounts/_this_",
                "/v3/accounts/" + sub,
                "/v3/users/" + user,
                "/v3/apiclients/" + client,
                "/v3/apiclients/" + client + "/apikey",
                "/v3/devices/" + deviceId + "/apikey",
                "/v3/deviceprofiles/" + profile,
                "/v3/deviceprofiles/" + profile + "/properties/temperature",
                "/v3/properties/" + propertyId,
                "/v3/devices/" + deviceId);
        for (String path : paths) {
            ObjectNode before = (ObjectNode) body(api.get(path));
            ObjectNode after = (ObjectNode) body(api.put(path, before));
            before.remove("dateModified");
            after.remove("dateModified");
            assertThat(after).as(path).isEqualTo(before);
        }
    }

    @Test
    void readOnlyFields_thatWouldChangeTheEntity_areRefused() {
        String dev = "/v3/devices/" + deviceId;
        assertBad(api.put(dev, "{\"id\":\"_dev_1\"}"), "ValidationFailed", "'id' is read-only");
        assertBad(api.put(dev, "{\"accountId\":\"_acc_1\"}"), "ValidationFailed", "'accountId' is read-only");
        assertBad(
                api.put(dev, "{\"profileId\":\"ConnectedDevice\"}"),
                "ValidationFailed",
                "'profileId' cannot be changed");
        assertBad(
                api.put(dev + "/apikey", "{\"secret\":\"" + "0".repeat(32) + "\"}"),
                "ValidationFailed",
                "'secret' is read-only");
        assertBad(api.put(dev + "/apikey", "{\"rateLimit\":5}"), "ValidationFailed", "'rateLimit' is read-only");
        assertBad(
                api.put("/v3/deviceprofiles/" + profile + "/properties/temperature", "{\"ownerId\":\"_dpf_1\"}"),
                "ValidationFailed",
                "'ownerId' is read-only");
        assertBad(
                api.put("/v3/accounts/_this_", "{\"ownerId\":\"_acc_1\"}"),
                "ValidationFailed",
                "'ownerId' is read-only");
        assertBad(api.put("/v3/apiclients/" + client, "{\"id\":\"_api_1\"}"), "ValidationFailed", "'id' is read-only");
    }

    @Test
    void derivedFieldsAndDates_areIgnored() {
        String id = newDevice();
        JsonNode before = body(api.get("/v3/devices/" + id));

        JsonNode after = body(api.put(
                "/v3/devices/" + id,
                "{\"dateCreated\":\"2000-01-01T00:00:00.000Z\",\"dateModified\":\"2000-01-01T00:00:00.000Z\"}"));
        assertThat(after.get("dateCreated")).isEqualTo(before.get("dateCreated"));
        assertThat(after.get("dateModified").asText()).isNotEqualTo("2000-01-01T00:00:00.000Z");

        JsonNode prop = body(api.put(
                "/v3/deviceprofiles/" + profile + "/properties/temperature",
                "{\"qualifiedName\":\"other$name\",\"inherited\":true}"));
        assertThat(prop.get("inherited").asBoolean()).isFalse();
        assertThat(prop.get("qualifiedName").asText()).endsWith("$temperature");

        JsonNode account = body(api.put("/v3/accounts/_this_", "{\"balance\":{\"amount\":1000}}"));
        assertThat(account.get("balance").get("amount").asDouble()).isZero();
    }

    @Test
    void aCreateBody_copiedFromAnotherEntity_getsItsOwnIdentity() {
        ObjectNode copy = (ObjectNode) body(api.get("/v3/devices/" + deviceId));
        String name = unique("copy");
        copy.put("name", name);

        JsonNode created = body(api.post("/v3/devices", copy));

        assertThat(created.get("id").asText()).isNotEqualTo(deviceId);
        assertThat(created.get("accountId")).isEqualTo(copy.get("accountId"));
        assertThat(created.get("name").asText()).isEqualTo(name);
    }

    @Test
    void aBodySentToRegenerateAKey_isRefused_unlessItIsEmptyOrTheJsSdksId() {
        String id = newDevice();
        String path = "/v3/devices/" + id + "/apikey";
        String before = body(api.get(path)).get("id").asText();

        assertBad(
                api.post(path, "{\"context\":{\"type\":\"device\",\"ids\":[\"" + id + "\"]}}"),
                "ValidationFailed",
                "'body' is not taken by this request; POST regenerates the key; PUT the same path");
        assertThat(body(api.get(path)).get("id").asText()).isEqualTo(before);

        String afterJsSdk =
                body(api.post(path, "{\"id\":\"" + id + "\"}")).get("id").asText();
        assertThat(afterJsSdk).isNotEqualTo(before);
        assertThat(body(api.post(path, null)).get("id").asText()).isNotEqualTo(afterJsSdk);
        body(api.post("/v3/apiclients/" + client + "/apikey", "{}"));
    }

    @Test
    void subAccountExtras_ownerAndImport_areCheckedNotIgnored() {
        String main = body(api.get("/v3/accounts/_this_")).get("id").asText();
        body(api.post(
                "/v3/accounts",
                "{\"name\":\"" + unique("a") + "\",\"owner\":\"" + main
                        + "\",\"import\":{\"deviceProfiles\":{\"type\":\"all\"}}}"));
        assertBad(
                api.post("/v3/accounts", "{\"name\":\"" + unique("a") + "\",\"owner\":\"_acc_1\"}"),
                "ValidationFailed",
                "'owner' must be the account that creates the sub-account");
        assertBad(
                api.post(
                        "/v3/accounts",
                        "{\"name\":\"" + unique("a")
                                + "\",\"import\":{\"apps\":{\"type\":\"some\",\"refs\":[\"_app_1\"]}}}"),
                "ValidationFailed",
                "'import.apps.refs'");
    }

    @Test
    void unsupportedQueryFeatures_areRefused_notIgnored() {
        String query = "/v3/data/devices/" + deviceId + "/properties/temperature/query";
        assertBad(api.post(query, "{\"timeZone\":\"Europe/Paris\"}"), "ValidationFailed", "'timeZone' must be UTC");
        assertBad(
                api.post(query, "{\"groupBy\":[{\"name\":\"value\",\"rangeSize\":10}]}"),
                "ValidationFailed",
                "'groupBy[0].name'",
                "not supported");
        assertBad(
                api.post(query, "{\"attributes\":{\"protocol\":[\"mqtt\"]}}"),
                "ValidationFailed",
                "'attributes.protocol' is not supported");
        assertBad(
                api.post(query, "{\"attributes\":{\"source\":[\"object\"]},\"aggregators\":[{\"name\":\"count\"}]}"),
                "ValidationFailed",
                "'attributes.source' cannot be combined with aggregators");
    }
}
