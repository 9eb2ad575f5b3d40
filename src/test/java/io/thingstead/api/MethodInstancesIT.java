package io.thingstead.api;

import static io.thingstead.api.MethodItSupport.FIELDS;
import static io.thingstead.api.MethodItSupport.method;
import static io.thingstead.api.MethodItSupport.named;
import static io.thingstead.api.MethodItSupport.profile;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.ApiAssert.errorMessage;
import static io.thingstead.testing.Fixtures.device;
import static io.thingstead.testing.Fixtures.id;
import static io.thingstead.testing.Fixtures.newProfile;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each device's instances of its methods: state, quarantine and re-enable, across restarts (docs/methods.md: Instances). */
class MethodInstancesIT extends AdminServerIt {
    /** A profile with a public method {@code start}, and a device of it. */
    private record Started(String profile, JsonNode method, JsonNode dev) {}

    private static Started started() {
        String profile = profile(api, "/v3", "ConnectedDevice");
        JsonNode m = body(api.post("/v3/deviceprofiles/" + profile + "/methods", method("start", "public")));
        return new Started(profile, m, device(api, "/v3", profile));
    }

    private static String path(JsonNode dev, String method) {
        return "/v3/devices/" + id(dev) + "/methods/" + method;
    }

    @Test
    void aDevice_listsEveryMethodItHas_withItsInstanceState() {
        String base = profile(api, "/v3", "ConnectedDevice");
        String child = newProfile(api, "/v3", base);
        body(api.post("/v3/deviceprofiles/" + base + "/methods", method("start", "public")));
        body(api.post("/v3/deviceprofiles/" + base + "/methods", method("helper", "private")));
        JsonNode own = body(api.post("/v3/deviceprofiles/" + child + "/methods", method("Start", "public")));
        JsonNode dev = device(api, "/v3", child);

        JsonNode listed = body(api.get("/v3/devices/" + id(dev) + "/methods"));
        JsonNode start = named(listed, "Start");
        for (String f : FIELDS) {
            assertThat(start.has(f)).as(f).isTrue();
        }
        assertThat(start.get("id")).isEqualTo(own.get("id"));
        assertThat(start.get("inherited").asBoolean()).isFalse();
        assertThat(named(listed, "helper").get("inherited").asBoolean()).isTrue();
        assertThat(start.get("disabled").asBoolean()).isFalse();
        assertThat(start.get("lastExecution").isNull()).isTrue();
        assertThat(start.get("stats"))
                .isEqualTo(io.thingstead.testing.Http.json(
                        "{'count': 0, 'min': null, 'max': null, 'sum': 0, 'failures': 0}"));
        assertThat(named(listed, "helper").get("access").asText()).isEqualTo("private");
        assertThat(named(listed, "start")).isNull();
        assertThat(body(api.get(path(dev, "start")))).isEqualTo(start);
        assertThat(body(api.get(path(dev, id(own))))).isEqualTo(start);
        assertThat(body(api.get("/v3/accounts/_this_/devices/" + dev.get("name").asText() + "/methods/start")))
                .isEqualTo(start);
        assertThat(body(api.get("/v3/methods?owner=" + id(dev)))
                        .get("results")
                        .get(0)
                        .has("disabled"))
                .as("the flat listing shows definitions only")
                .isFalse();
    }

    @Test
    void aQuarantine_survivesRestarts_untilReenabled_andStaysOnItsDeviceOnly() {
        Started st = started();
        String profile = st.profile();
        JsonNode m = st.method();
        JsonNode dev = st.dev();
        JsonNode other = device(api, "/v3", profile);
        JsonNode disabled = body(api.put(path(dev, "start"), Map.of("disabled", true)));
        assertThat(disabled.get("disabled").asBoolean()).isTrue();
        assertThat(disabled.get("id")).isEqualTo(m.get("id"));
        assertThat(body(api.get(path(other, "start"))).get("disabled").asBoolean())
                .isFalse();

        server.restart();
        api = server.admin();
        assertThat(body(api.get(path(dev, "start"))).get("disabled").asBoolean())
                .isTrue();
        assertThat(body(api.get(path(other, "start"))).get("disabled").asBoolean())
                .isFalse();

        assertThat(body(api.put(path(dev, id(m)), Map.of("disabled", false)))
                        .get("disabled")
                        .asBoolean())
                .isFalse();
        server.restart();
        api = server.admin();
        assertThat(body(api.get(path(dev, "start"))).get("disabled").asBoolean())
                .isFalse();
    }

    @Test
    void aDeletedMethod_takesItsQuarantines_aNewOneOfTheSameNameStartsEnabled() {
        Started st = started();
        String profile = st.profile();
        JsonNode m = st.method();
        JsonNode dev = st.dev();
        body(api.put(path(dev, "start"), Map.of("disabled", true)));
        body(api.delete("/v3/methods/" + id(m)));
        errorMessage(api.get(path(dev, "start")), 404, "ResourceNotFound");
        body(api.post("/v3/deviceprofiles/" + profile + "/methods", method("start", "public")));
        server.restart();
        api = server.admin();
        assertThat(body(api.get(path(dev, "start"))).get("disabled").asBoolean())
                .isFalse();
    }

    @Test
    void aDeletedDevice_takesItsQuarantines() {
        Started st = started();
        String profile = st.profile();
        JsonNode dev = st.dev();
        body(api.put(path(dev, "start"), Map.of("disabled", true)));
        body(api.delete("/v3/devices/" + id(dev)));
        errorMessage(api.get(path(dev, "start")), 404, "ResourceNotFound");
        JsonNode again =
                body(api.post("/v3/devices", Map.of("name", dev.get("name").asText(), "profile", profile)));
        assertThat(body(api.get(path(again, "start"))).get("disabled").asBoolean())
                .isFalse();
    }

    @Test
    void anInstanceChange_takesDisabledOnly() {
        Started st = started();
        String profile = st.profile();
        JsonNode m = st.method();
        JsonNode dev = st.dev();
        JsonNode before = body(api.get(path(dev, "start")));
        assertThat(errorMessage(
                        api.put(path(dev, "start"), Map.of("disabled", false, "access", "private")),
                        400,
                        "ValidationFailed"))
                .startsWith("'access'")
                .contains("definition");
        assertThat(errorMessage(api.put(path(dev, "start"), before), 400, "ValidationFailed"))
                .doesNotStartWith("'disabled'");
        assertThat(errorMessage(api.put(path(dev, "start"), Map.of("disabeld", false)), 400, "ValidationFailed"))
                .contains("did you mean 'disabled'");
        assertThat(errorMessage(api.put(path(dev, "start"), Map.of("disabled", "no")), 400, "ValidationFailed"))
                .startsWith("'disabled'");
        assertThat(errorMessage(api.put(path(dev, "start"), Map.of()), 400, "ValidationFailed"))
                .startsWith("'disabled'");
        errorMessage(api.put(path(dev, "start"), "[true]"), 400, "ValidationFailed");
        errorMessage(api.put(path(dev, "start"), "{\"disabled\":"), 400, "MalformedJson");
        errorMessage(api.put(path(dev, "nosuch"), Map.of("disabled", false)), 404, "ResourceNotFound");
        errorMessage(api.put("/v3/devices/nosuch/methods/start", Map.of("disabled", false)), 404, "ResourceNotFound");
        errorMessage(api.post(path(dev, "start"), Map.of("disabled", false)), 405, "MethodNotAllowed");
        errorMessage(api.delete(path(dev, "start")), 405, "MethodNotAllowed");
        assertThat(body(api.get(path(dev, "start")))).isEqualTo(before);
        assertThat(body(api.get("/v3/methods/" + id(m)))).isEqualTo(m);
    }

    @Test
    void aMethodOfAnotherProfile_isNoMethodOfTheDevice() {
        String profile = profile(api, "/v3", "ConnectedDevice");
        String other = profile(api, "/v3", "ConnectedDevice");
        JsonNode theirs = body(api.post("/v3/deviceprofiles/" + other + "/methods", method(unique("m"), "public")));
        JsonNode dev = device(api, "/v3", profile);
        errorMessage(api.get(path(dev, id(theirs))), 404, "ResourceNotFound");
        errorMessage(api.put(path(dev, id(theirs)), Map.of("disabled", true)), 404, "ResourceNotFound");
    }
}
