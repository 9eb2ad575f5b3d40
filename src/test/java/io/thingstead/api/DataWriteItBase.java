package io.thingstead.api;

import static io.thingstead.api.DataItSupport.flat;
import static io.thingstead.api.DataItSupport.history;
import static io.thingstead.api.DataItSupport.values;
import static io.thingstead.testing.Fixtures.property;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Shared fixture of the data-write integration tests: one server, a test profile, helpers. */
abstract class DataWriteItBase {
    static final Instant BASE = Instant.parse("2021-06-01T00:00:00Z");

    static TestServer server;
    static String profileName;
    static String qualifiedLevel;
    static String levelId;

    /** A device of the test profile with its device key. */
    record Dev(String id, Http.Key key) {
        Http http() {
            return admin().as(key);
        }
    }

    /** The fixture's properties keep their points forever: the tests write at fixed past times (from {@link #BASE}). */
    @BeforeAll
    static void start() {
        server = TestServer.start();
        Http admin = admin();
        profileName = unique("Probe");
        Fixtures.profile(admin, "/v3", profileName, "ConnectedDevice");
        levelId = property(
                        admin,
                        profileName,
                        kept("{'name':'level','type':'number','access':'public','boundaries':{'min':0,'max':100}}"))
                .get("id")
                .asText();
        qualifiedLevel = profileName.toLowerCase(Locale.ROOT) + "$level";
        property(admin, profileName, kept("{'name':'temp','type':'number'}"));
        property(admin, profileName, kept("{'name':'secret','type':'number','access':'private'}"));
        property(admin, profileName, kept("{'name':'flag','type':'boolean','access':'public'}"));
        property(admin, profileName, kept("{'name':'label','type':'string','access':'public'}"));
        property(admin, profileName, kept("{'name':'code','type':'string','access':'public','boundaries':{'size':8}}"));
        property(
                admin,
                profileName,
                kept("{'name':'mode','type':'enum','access':'public','boundaries':{'set':['start','stop','pause']}}"));
        property(
                admin,
                profileName,
                kept("{'name':'config','type':'object','access':'public','boundaries':{'size':64}}"));
        property(admin, profileName, kept("{'name':'doc','type':'object','access':'public'}"));
        property(
                admin,
                profileName,
                kept("{'name':'pos','type':'waypoint','access':'public',"
                        + "'boundaries':{'lat':45.5,'lon':-73.6,'radius':10,'inside':true}}"));
        property(admin, profileName, kept("{'name':'photo','type':'blob','access':'public'}"));
    }

    /** A property's JSON with an unlimited lifetime. */
    private static String kept(String json) {
        return json.substring(0, json.length() - 1) + ",'retention':{'lifetime':'unlimited'}}";
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The admin key on the server's current port (a restart moves it). */
    static Http admin() {
        return server.admin();
    }

    static Dev newDevice() {
        return newDevice(null);
    }

    static Dev newDevice(String extraJson) {
        ObjectNode body = Fixtures.deviceBody(unique("probe"), profileName);
        if (extraJson != null) {
            body.setAll((ObjectNode) Http.json(extraJson));
        }
        String id = Fixtures.id(Fixtures.device(admin(), "/v3", body));
        return new Dev(id, Fixtures.deviceKey(admin(), id));
    }

    /** The i-th second after {@link #BASE} as an ISO time. */
    static String at(int second) {
        return BASE.plusSeconds(second).toString();
    }

    /** A feed of one point per value, one second apart from {@link #BASE}; null means no {@code v}. */
    static ObjectNode feedOf(Object... values) {
        ObjectNode feed = Http.JSON.createObjectNode();
        ArrayNode dps = feed.putArray("dps");
        for (int i = 0; i < values.length; i++) {
            ObjectNode p = dps.addObject().put("t", at(i));
            if (values[i] != null) {
                p.set("v", Http.JSON.valueToTree(values[i]));
            }
        }
        return feed;
    }

    static Http.Resp post(Http as, String deviceId, String prop, Object body) {
        return as.post("/v3/data/devices/" + deviceId + "/properties/" + prop, body);
    }

    /** Nothing at all was stored for the device: no value, no history, not even {@code lastIn}. */
    static void assertNothingStored(Dev d, String prop) {
        JsonNode state = flat(d.http(), d.id());
        assertThat(state.has(prop)).as(state.toString()).isFalse();
        assertThat(state.has("lastIn")).as(state.toString()).isFalse();
        assertThat(history(d.http(), d.id(), prop)).isEmpty();
    }

    static List<Object> plain(List<JsonNode> nodes) {
        List<Object> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            out.add(Http.JSON.convertValue(n, Object.class));
        }
        return out;
    }

    static ObjectNode annotations(int keys, int valueLength) {
        ObjectNode ann = Http.JSON.createObjectNode();
        for (int i = 0; i < keys; i++) {
            ann.put("k" + i, "x".repeat(valueLength));
        }
        return ann;
    }
}
