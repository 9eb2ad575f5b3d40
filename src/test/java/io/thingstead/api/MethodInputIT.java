package io.thingstead.api;

import static io.thingstead.api.MethodItSupport.method;
import static io.thingstead.api.MethodItSupport.names;
import static io.thingstead.api.MethodItSupport.profile;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Http;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad method is a 400 naming its field and stores nothing (docs/methods.md: Bad input). */
class MethodInputIT extends AdminServerIt {
    private static String profile;

    @BeforeAll
    static void profiles() {
        profile = profile(api, "/v3", "ConnectedDevice");
    }

    private static Consumer<ObjectNode> set(String field, String json) {
        return body -> body.set(field, Http.json(json));
    }

    private static Consumer<ObjectNode> impl(String field, String json) {
        return body -> ((ObjectNode) body.get("methodImpl")).set(field, Http.json(json));
    }

    private static Consumer<ObjectNode> remove(String field) {
        return body -> body.remove(field);
    }

    private static Arguments bad(String field, Consumer<ObjectNode> change) {
        return Arguments.of(field, change);
    }

    static Stream<Arguments> badMethods() {
        return Stream.of(
                bad("name", set("name", "5")),
                bad("name", set("name", "'9lives'")),
                bad("name", set("name", "'has space'")),
                bad("name", set("name", "'a.b'")),
                bad("name", set("name", "'" + "n".repeat(65) + "'")),
                bad("acess", set("acess", "'public'")),
                bad("access", set("access", "'secret'")),
                bad("access", set("access", "1")),
                bad("methodImpl", set("methodImpl", "'return 1'")),
                bad("methodImpl.funcBody", impl("funcBody", "42")),
                bad("methodImpl.funcBody", impl("funcBody", "'   '")),
                bad("methodImpl.funcBody", impl("funcBody", "'return (1 +;'")),
                bad("methodImpl.funcBody", impl("funcBody", "'} function evil() {'")),
                bad("methodImpl.script", impl("script", "'lua'")),
                bad("methodImpl.language", impl("language", "'javascript'")),
                bad("inputId", set("inputId", "'nosuch'")),
                bad("inputId", set("inputId", "7")),
                bad("inputTTL", set("inputId", "'temperature'").andThen(set("inputTTL", "'soon'"))),
                bad("inputTTL", set("inputId", "'temperature'").andThen(set("inputTTL", "'0s'"))),
                bad("inputTTL", set("inputTTL", "'5 seconds'")),
                bad("tags", set("tags", "'a'")),
                bad("friendlyName", set("friendlyName", "'" + "f".repeat(257) + "'")),
                bad("locked", set("locked", "'yes'")),
                bad("ownerId", set("ownerId", "'Device'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMethods")
    void badMethod_isRefusedNamingTheField_andNothingIsStored(String field, Consumer<ObjectNode> change) {
        ObjectNode body = method(unique("m"), "public");
        change.accept(body);
        assertThat(errorMessage(api.post("/v3/deviceprofiles/" + profile + "/methods", body), 400, "ValidationFailed"))
                .startsWith("'" + field + "'");
        assertThat(names(body(api.get("/v3/methods?pageSize=1000"))))
                .doesNotContain(body.path("name").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badMethods")
    void badChange_isRefusedNamingTheField_andTheMethodIsUnchanged(String field, Consumer<ObjectNode> change) {
        JsonNode stored = body(api.post("/v3/deviceprofiles/" + profile + "/methods", method(unique("m"), "public")));
        ObjectNode body = stored.deepCopy();
        change.accept(body);
        assertThat(errorMessage(api.put("/v3/methods/" + id(stored), body), 400, "ValidationFailed"))
                .startsWith("'" + field + "'");
        assertThat(body(api.get("/v3/methods/" + id(stored)))).isEqualTo(stored);
    }

    @Test
    void aBodyThatDoesNotParse_isRefusedWithItsLineAndColumn() {
        ObjectNode body = method(unique("m"), "public");
        ((ObjectNode) body.get("methodImpl")).put("funcBody", "let a = 1;\nlet b = ;\nreturn a;");
        assertThat(errorMessage(api.post("/v3/deviceprofiles/" + profile + "/methods", body), 400, "ValidationFailed"))
                .startsWith("'methodImpl.funcBody' does not parse: line 2, column ");
    }

    @Test
    void bothScriptStyles_parse() {
        String legacy = "Device.api.setProperty('temperature', { value: value, time: new Date().toISOString() })\n"
                + "  .then(property => { done(null, property.value); })\n"
                + "  .catch(error => { done(error, null); });";
        String current = "const t = await this.getProperty('temperature');\nreturn t.value * 2;";
        for (String funcBody : new String[] {legacy, current}) {
            ObjectNode body = method(unique("m"), "public");
            ((ObjectNode) body.get("methodImpl")).put("funcBody", funcBody);
            body(api.post("/v3/deviceprofiles/" + profile + "/methods", body));
        }
    }

    @Test
    void aBodyOverTheSizeCap_isRefused_andOneAtTheCapIsStored() {
        String comment = "//";
        ObjectNode body = method(unique("m"), "public");
        ((ObjectNode) body.get("methodImpl")).put("funcBody", comment + "x".repeat(64 * 1024 - 1));
        assertThat(errorMessage(api.post("/v3/deviceprofiles/" + profile + "/methods", body), 400, "ValidationFailed"))
                .startsWith("'methodImpl.funcBody' must be at most 65536 bytes");
        ((ObjectNode) body.get("methodImpl")).put("funcBody", comment + "x".repeat(64 * 1024 - 2));
        body(api.post("/v3/deviceprofiles/" + profile + "/methods", body));
    }

    @Test
    void requiredFields_andFieldsThatCannotBeUnset_areNamed() {
        ObjectNode noName = method(unique("m"), "public");
        noName.remove("name");
        errorMessage(api.post("/v3/deviceprofiles/" + profile + "/methods", noName), 400, "ValidationFailed");
        ObjectNode noImpl = method(unique("m"), "public");
        noImpl.remove("methodImpl");
        assertThat(errorMessage(
                        api.post("/v3/deviceprofiles/" + profile + "/methods", noImpl), 400, "ValidationFailed"))
                .startsWith("'methodImpl'");
        ObjectNode noBody = method(unique("m"), "public");
        ((ObjectNode) noBody.get("methodImpl")).remove("funcBody");
        assertThat(errorMessage(
                        api.post("/v3/deviceprofiles/" + profile + "/methods", noBody), 400, "ValidationFailed"))
                .startsWith("'methodImpl.funcBody'");
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", method(unique("m"), "public")));
        for (String field : new String[] {"name", "methodImpl"}) {
            assertThat(errorMessage(
                            api.put("/v3/methods/" + id(m), Http.json("{'" + field + "': null}")),
                            400,
                            "ValidationFailed"))
                    .startsWith("'" + field + "'");
        }
        assertThat(errorMessage(
                        api.put("/v3/methods/" + id(m), Http.json("{'methodImpl': {'funcBody': null}}")),
                        400,
                        "ValidationFailed"))
                .startsWith("'methodImpl.funcBody'");
        assertThat(errorMessage(api.put("/v3/methods/" + id(m), Map.of("id", "_mtd_1")), 400, "ValidationFailed"))
                .startsWith("'id'");
        JsonNode changed =
                body(api.put("/v3/methods/" + id(m), Http.json("{'methodImpl': {'funcBody': 'return 2;'}}")));
        assertThat(changed.get("methodImpl").get("script").asText()).isEqualTo("javascript");
    }

    @Test
    void aMalformedOrWrongShapedBodyOrQuery_isRefused() {
        errorMessage(api.post("/v3/deviceprofiles/" + profile + "/methods", "{\"name\":"), 400, "MalformedJson");
        errorMessage(api.post("/v3/deviceprofiles/" + profile + "/methods", "[1]"), 400, "ValidationFailed");
        errorMessage(
                api.post("/v3/methods?owner=" + profile + "&color=red", method(unique("x"), "public")),
                400,
                "ValidationFailed");
        errorMessage(api.get("/v3/methods?owner="), 400, "ValidationFailed");
        errorMessage(api.get("/v3/deviceprofiles/" + profile + "/methods?pageSize=0"), 400, "ValidationFailed");
    }
}
