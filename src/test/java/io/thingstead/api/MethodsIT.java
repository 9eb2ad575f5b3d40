package io.thingstead.api;

import static io.thingstead.api.MethodItSupport.FIELDS;
import static io.thingstead.api.MethodItSupport.method;
import static io.thingstead.api.MethodItSupport.named;
import static io.thingstead.api.MethodItSupport.names;
import static io.thingstead.api.MethodItSupport.profile;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.device;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.newProfile;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Method definitions through the real server: fields, paths, inheritance and overrides (docs/methods.md). */
class MethodsIT extends AdminServerIt {
    @Test
    void methodOnAProfile_isCreatedWithEveryField_nullsIncluded_andFoundByIdNameAndQualifiedName() {
        String profile = profile(api, "/v3", "ConnectedDevice");
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", method("setTemperature", "public")));
        for (String f : FIELDS) {
            assertThat(m.has(f)).as("method field " + f + " in " + m).isTrue();
        }
        assertThat(id(m)).matches("_mtd_\\d{18,19}");
        assertThat(m.get("ownerId").asText()).isEqualTo(id(body(api.get("/v3/deviceprofiles/" + profile))));
        assertThat(m.get("qualifiedName").asText()).isEqualTo(profile.toLowerCase() + "$settemperature");
        assertThat(m.get("inherited").asBoolean()).isFalse();
        assertThat(m.get("access").asText()).isEqualTo("public");
        assertThat(m.get("methodImpl").get("script").asText()).isEqualTo("javascript");
        assertThat(m.get("methodImpl").get("funcBody").asText()).isEqualTo(MethodItSupport.SET_TEMPERATURE);
        for (String unset : new String[] {"friendlyName", "description", "inputId", "inputTTL"}) {
            assertThat(m.get(unset).isNull()).as(unset).isTrue();
        }
        assertThat(m.get("tags")).isEmpty();
        assertThat(body(api.get("/v3/methods/" + id(m)))).isEqualTo(m);
        assertThat(body(api.get("/v3/deviceprofiles/" + profile + "/methods/SETTEMPERATURE")))
                .isEqualTo(m);
        assertThat(body(api.get("/v3/deviceprofiles/" + profile + "/methods/"
                        + m.get("qualifiedName").asText())))
                .isEqualTo(m);
        assertThat(body(api.get("/v3/accounts/_this_/methods/" + id(m)))).isEqualTo(m);
    }

    @Test
    void accessDefaultsToProtected_andTheScriptToJavascript() {
        String profile = profile(api, "/v3", "Device");
        ObjectNode body = method(unique("m"), "public");
        body.remove("access");
        ((ObjectNode) body.get("methodImpl")).remove("script");
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", body));
        assertThat(m.get("access").asText()).isEqualTo("protected");
        assertThat(m.get("methodImpl").get("script").asText()).isEqualTo("javascript");
    }

    @Test
    void flatPost_takesTheOwnerFromTheBodyOrTheQuery_andAGetBodyPutsBackWhole() {
        String profile = profile(api, "/v3", "ConnectedDevice");
        ObjectNode body = method(unique("m"), "public");
        body.put("ownerId", profile);
        body.put("inputId", "temperature").put("inputTTL", "5 seconds");
        body.putArray("tags").add("a");
        JsonNode m = body(api.post("/v3/methods", body));
        String temperature = id(body(api.get("/v3/deviceprofiles/" + profile + "/properties/temperature")));
        assertThat(m.get("inputId").asText()).isEqualTo(temperature);
        assertThat(m.get("inputTTL").asText()).isEqualTo("5 seconds");
        JsonNode again = body(api.put("/v3/methods/" + id(m), m));
        assertThat(again.get("name")).isEqualTo(m.get("name"));
        assertThat(again.get("methodImpl")).isEqualTo(m.get("methodImpl"));
        assertThat(again.get("inputId")).isEqualTo(m.get("inputId"));
        JsonNode viaQuery =
                body(api.post("/v3/accounts/_this_/methods?owner=" + profile, method(unique("q"), "private")));
        assertThat(viaQuery.get("ownerId")).isEqualTo(m.get("ownerId"));
        assertThat(names(body(api.get("/v3/methods?ownerId=" + profile))))
                .startsWith(m.get("name").asText(), viaQuery.get("name").asText());
    }

    @Test
    void childProfile_listsInheritedMethodsMarked_andOverridesProtectedAndPublicOnes_notPrivate() {
        String base = profile(api, "/v3", "ConnectedDevice");
        String child = newProfile(api, "/v3", base);
        String baseId = id(body(api.get("/v3/deviceprofiles/" + base)));
        JsonNode pub = body(api.post("/v3/deviceprofiles/" + base + "/methods", method("start", "public")));
        body(api.post("/v3/deviceprofiles/" + base + "/methods", method("calibrate", "protected")));
        body(api.post("/v3/deviceprofiles/" + base + "/methods", method("helper", "private")));

        JsonNode listed = body(api.get("/v3/deviceprofiles/" + child + "/methods"));
        assertThat(names(listed)).startsWith("start", "calibrate", "helper");
        JsonNode inherited = named(listed, "start");
        assertThat(inherited.get("inherited").asBoolean()).isTrue();
        assertThat(inherited.get("ownerId").asText()).isEqualTo(baseId);
        assertThat(inherited.get("qualifiedName").asText()).isEqualTo(base.toLowerCase() + "$start");
        assertThat(inherited.get("id")).isEqualTo(pub.get("id"));

        JsonNode over = body(api.post("/v3/deviceprofiles/" + child + "/methods", method("Start", "public")));
        body(api.post("/v3/deviceprofiles/" + child + "/methods", method("calibrate", "public")));
        assertThat(errorMessage(
                        api.post("/v3/deviceprofiles/" + child + "/methods", method("helper", "public")),
                        400,
                        "ValidationFailed"))
                .startsWith("'name'")
                .contains("private");
        listed = body(api.get("/v3/deviceprofiles/" + child + "/methods"));
        assertThat(named(listed, "Start").get("inherited").asBoolean()).isFalse();
        assertThat(named(listed, "Start").get("id")).isEqualTo(over.get("id"));
        assertThat(named(listed, "start")).isNull();
        assertThat(names(body(api.get("/v3/deviceprofiles/" + base + "/methods"))))
                .startsWith("start", "calibrate", "helper");
        assertThat(body(api.get("/v3/deviceprofiles/" + child + "/methods/" + id(pub)))
                        .get("id"))
                .as("the id of an overridden method finds the override")
                .isEqualTo(over.get("id"));
    }

    @Test
    void anOverride_neverNarrowsAccess_andAPrivateMethodIsNeverOverriddenFromEitherSide() {
        String base = profile(api, "/v3", "ConnectedDevice");
        String child = newProfile(api, "/v3", base);
        body(api.post("/v3/deviceprofiles/" + base + "/methods", method("start", "public")));
        assertThat(errorMessage(
                        api.post("/v3/deviceprofiles/" + child + "/methods", method("start", "protected")),
                        400,
                        "ValidationFailed"))
                .startsWith("'access'");
        body(api.post("/v3/deviceprofiles/" + child + "/methods", method("stop", "protected")));
        assertThat(errorMessage(
                        api.post("/v3/deviceprofiles/" + base + "/methods", method("stop", "private")),
                        400,
                        "ValidationFailed"))
                .startsWith("'name'");
        assertThat(errorMessage(
                        api.post("/v3/deviceprofiles/" + base + "/methods", method("stop", "public")),
                        400,
                        "ValidationFailed"))
                .startsWith("'access'");
        JsonNode baseStop = body(api.post("/v3/deviceprofiles/" + base + "/methods", method("stop", "protected")));
        assertThat(errorMessage(
                        api.put("/v3/methods/" + id(baseStop), Map.of("access", "private")), 400, "ValidationFailed"))
                .startsWith("'name'");
        assertThat(errorMessage(
                        api.put("/v3/methods/" + id(baseStop), Map.of("access", "public")), 400, "ValidationFailed"))
                .startsWith("'access'");
        assertThat(body(api.get("/v3/methods/" + id(baseStop)))).isEqualTo(baseStop);
    }

    @Test
    void aChangeOrDeletionOnTheBase_appliesAtOnceToChildrenAndDevices_andIsRefusedThroughTheChild() {
        String base = profile(api, "/v3", "ConnectedDevice");
        String child = newProfile(api, "/v3", base);
        JsonNode dev = device(api, "/v3", child);
        JsonNode m = body(api.post("/v3/deviceprofiles/" + base + "/methods", method("start", "public")));
        body(api.put("/v3/methods/" + id(m), Map.of("friendlyName", "Start it")));
        assertThat(body(api.get("/v3/deviceprofiles/" + child + "/methods/start"))
                        .get("friendlyName")
                        .asText())
                .isEqualTo("Start it");
        assertThat(body(api.get("/v3/devices/" + id(dev) + "/methods/start"))
                        .get("friendlyName")
                        .asText())
                .isEqualTo("Start it");
        assertThat(errorMessage(
                        api.put("/v3/deviceprofiles/" + child + "/methods/start", Map.of("friendlyName", "x")),
                        400,
                        "ValidationFailed"))
                .contains("change it there");
        errorMessage(api.delete("/v3/deviceprofiles/" + child + "/methods/start"), 400, "ValidationFailed");
        body(api.put("/v3/deviceprofiles/" + base + "/methods/start", Map.of("description", "d")));
        assertThat(body(api.delete("/v3/deviceprofiles/" + base + "/methods/start"))
                        .get("nrOfItems")
                        .asInt())
                .isEqualTo(1);
        assertThat(names(body(api.get("/v3/deviceprofiles/" + child + "/methods"))))
                .doesNotContain("start");
        assertThat(names(body(api.get("/v3/devices/" + id(dev) + "/methods")))).doesNotContain("start");
        errorMessage(api.get("/v3/methods/" + id(m)), 404, "ResourceNotFound");
    }

    @Test
    void reservedNames_areRefusedInAnyCase_asIsADot() {
        String profile = profile(api, "/v3", "Device");
        for (String name : new String[] {
            "setProperty",
            "GETPROPERTY",
            "log",
            "readData",
            "findDevices",
            "executeDeviceMethod",
            "setDeviceProperty",
            "getDeviceProperty",
            "api",
            "toString",
            "constructor",
            "valueOf",
            "hasOwnProperty",
            "then",
            "toJSON",
            "name"
        }) {
            assertThat(errorMessage(
                            api.post("/v3/deviceprofiles/" + profile + "/methods", method(name, "public")),
                            400,
                            "ReservedMethodName"))
                    .as(name)
                    .startsWith("'name'");
        }
        assertThat(errorMessage(
                        api.post("/v3/deviceprofiles/" + profile + "/methods", method("a.b", "public")),
                        400,
                        "ValidationFailed"))
                .startsWith("'name'");
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", method(unique("m"), "public")));
        errorMessage(api.put("/v3/methods/" + id(m), Map.of("name", "Log")), 400, "ReservedMethodName");
        errorMessage(api.put("/v3/methods/" + id(m), Map.of("name", "ToString")), 400, "ReservedMethodName");
    }

    @Test
    void nameIsUniquePerProfile_caseInsensitively_andAMethodOnABuiltinBelongsToItsAccountOnly() {
        String profile = profile(api, "/v3", "Device");
        String name = unique("m");
        body(api.post("/v3/deviceprofiles/" + profile + "/methods", method(name, "public")));
        errorMessage(
                api.post("/v3/deviceprofiles/" + profile + "/methods", method(name.toUpperCase(), "public")),
                409,
                "NameAlreadyTaken");
        JsonNode other = body(api.post("/v3/deviceprofiles/" + profile + "/methods", method(unique("m"), "public")));
        errorMessage(api.put("/v3/methods/" + id(other), Map.of("name", name)), 409, "NameAlreadyTaken");

        String onBuiltin = unique("everywhere");
        body(api.post("/v3/deviceprofiles/Device/methods", method(onBuiltin, "public")));
        assertThat(names(body(api.get("/v3/deviceprofiles/" + profile + "/methods"))))
                .contains(onBuiltin);
        String sub = id(body(api.post("/v3/accounts", Map.of("name", unique("sub")))));
        String prefix = "/v3/accounts/" + sub;
        assertThat(names(body(api.get(prefix + "/deviceprofiles/Device/methods"))))
                .doesNotContain(onBuiltin);
        JsonNode subDevice = device(api, prefix, "Device");
        assertThat(names(body(api.get(prefix + "/devices/" + id(subDevice) + "/methods"))))
                .doesNotContain(onBuiltin);
        body(api.post(prefix + "/deviceprofiles/Device/methods", method(onBuiltin, "public")));
    }

    @Test
    void deletingAProfile_takesItsMethods_andAnInputPropertyStaysWhileAMethodUsesIt() {
        String profile = profile(api, "/v3", "ConnectedDevice");
        ObjectNode body = method(unique("m"), "public");
        body.put("inputId", "temperature");
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", body));
        assertThat(errorMessage(
                        api.delete("/v3/deviceprofiles/" + profile + "/properties/temperature"), 409, "Conflict"))
                .contains("input of method");
        assertThat(body(api.put("/v3/methods/" + id(m), Http.json("{'inputId': null}")))
                        .get("inputId")
                        .isNull())
                .isTrue();
        body(api.delete("/v3/deviceprofiles/" + profile + "/properties/temperature"));
        body(api.delete("/v3/deviceprofiles/" + profile));
        errorMessage(api.get("/v3/methods/" + id(m)), 404, "ResourceNotFound");
    }

    @Test
    void aProfileWithChildren_staysWithItsMethods() {
        String base = profile(api, "/v3", "ConnectedDevice");
        newProfile(api, "/v3", base);
        JsonNode m = body(api.post("/v3/deviceprofiles/" + base + "/methods", method(unique("m"), "public")));
        errorMessage(api.delete("/v3/deviceprofiles/" + base), 409, "CannotDeleteProfileInherited");
        assertThat(body(api.get("/v3/methods/" + id(m)))).isEqualTo(m);
    }

    @Test
    void lockedMethod_refusesChanges_untilUnlocked() {
        String profile = profile(api, "/v3", "Device");
        ObjectNode body = method(unique("m"), "public");
        body.put("locked", true);
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", body));
        errorMessage(api.put("/v3/methods/" + id(m), Map.of("access", "protected")), 403, "EntityLocked");
        errorMessage(api.delete("/v3/methods/" + id(m)), 403, "EntityLocked");
        body(api.put("/v3/methods/" + id(m), Map.of("locked", false)));
        body(api.delete("/v3/methods/" + id(m)));
    }

    @Test
    void methods_surviveARestart() {
        String profile = profile(api, "/v3", "Device");
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", method(unique("m"), "public")));
        server.restart();
        api = server.admin();
        assertThat(body(api.get("/v3/methods/" + id(m)))).isEqualTo(m);
        errorMessage(
                api.post(
                        "/v3/deviceprofiles/" + profile + "/methods",
                        method(m.get("name").asText(), "public")),
                409,
                "NameAlreadyTaken");
    }

    @Test
    void unknownOwnersAndMethods_areNotFound() {
        errorMessage(api.get("/v3/deviceprofiles/NoSuch/methods"), 404, "ResourceNotFound");
        errorMessage(api.get("/v3/devices/NoSuch/methods"), 404, "ResourceNotFound");
        errorMessage(api.get("/v3/methods/_mtd_1"), 404, "ResourceNotFound");
        errorMessage(api.get("/v3/deviceprofiles/Device/methods/nosuch"), 404, "ResourceNotFound");
        errorMessage(api.post("/v3/methods", method(unique("x"), "public")), 400, "ValidationFailed");
        errorMessage(api.post("/v3/methods?owner=NoSuch", method(unique("x"), "public")), 400, "ValidationFailed");
        assertThat(names(body(api.get("/v3/methods?owner=NoSuch")))).isEmpty();
    }
}
