package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.NotificationItSupport.alertOn;
import static io.thingstead.api.NotificationItSupport.notification;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.api.NotificationItSupport.Dev;
import io.thingstead.scripting.Limits;
import io.thingstead.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An alert's {@code method} notification calls a public method of the alert's device with its
 * {@code parameter} as the value; anything else is a device log line with the cause
 * (docs/alerts.md: Notifications, docs/methods.md: Access).
 */
class AlertMethodIT extends AdminServerIt {
    static String profile;

    @BeforeAll
    static void methods() {
        profile = NotificationItSupport.profile(api);
        Fixtures.property(api, profile, "{'name':'mode','type':'string','access':'protected'}");
        MethodCallSupport.define(
                api,
                profile,
                "stop",
                "public",
                "return this.setProperty('mode', {value: 'stopped:' + value, time: new Date().toISOString()})"
                        + ".then(p => p.value);");
        MethodCallSupport.define(api, profile, "guarded", "protected", "return 1;");
        MethodCallSupport.define(api, profile, "broken", "public", "throw new Error('valve stuck');");
        // raises its own alert again: each run writes a temperature above 0
        MethodCallSupport.define(
                api,
                profile,
                "again",
                "public",
                "const t = await this.getProperty('temperature');\n"
                        + "await this.setProperty('temperature', {value: t.value + 1, time: new Date().toISOString()});\n"
                        + "return t.value + 1;");
    }

    /** A device of the profile whose alert runs a method notification of {@code method} with {@code parameter}. */
    private static Dev alerted(String method, String parameter) {
        Dev d = NotificationItSupport.device(api, profile);
        alertOn(api, d, notification("method", "act").put("method", method).put("parameter", parameter));
        return d;
    }

    @Test
    void publicMethod_runsWithTheParameter_andItsWriteIsVisible() {
        Dev d = alerted("stop", "now");
        d.write(3);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(body(api.get("/v3/data/devices/" + d.id()))
                                .path("mode")
                                .asText())
                        .isEqualTo("stopped:now"));
        awaitLog(api, d.id(), "notification act (method) sent: method stop returned \"stopped:now\"");
    }

    @Test
    void methodWhoseWritesRaiseItsOwnAlert_endsAtTheNestingLimit_notInALoop() {
        Dev d = alerted("again", "x");
        d.write(1);
        // the key's write raises the alert, the method runs at depth 1, its write raises it again at 2, ...
        awaitLog(
                api,
                d.id(),
                "notification act (method) not sent: method again: MethodFailed: it would nest method runs deeper than "
                        + Limits.DEFAULT_CALL_DEPTH);
        assertThat(body(api.get("/v3/data/devices/" + d.id()))
                        .get("temperature")
                        .asInt())
                .isEqualTo(1 + Limits.DEFAULT_CALL_DEPTH);
        assertThat(body(api.get("/v3/devices/" + d.id() + "/methods/again"))
                        .get("stats")
                        .get("count")
                        .asInt())
                .isEqualTo(Limits.DEFAULT_CALL_DEPTH);
    }

    @Test
    void methodById_runsToo() {
        String id = body(api.get("/v3/deviceprofiles/" + profile + "/methods/stop"))
                .get("id")
                .asText();
        Dev d = alerted(id, "byid");
        d.write(3);
        awaitLog(api, d.id(), "returned \"stopped:byid\"");
    }

    @Test
    void protectedMethod_isNotRun_andTheLogSaysWhy() {
        Dev d = alerted("guarded", "x");
        d.write(3);
        awaitLog(
                api,
                d.id(),
                "notification act (method) not sent: method guarded: Forbidden: Method 'guarded' is protected");
        assertThat(body(api.get("/v3/devices/" + d.id() + "/methods/guarded"))
                        .get("stats")
                        .get("count")
                        .asInt())
                .isZero();
    }

    @Test
    void missingMethod_isLoggedAsNotFound() {
        Dev d = alerted("nosuch", "x");
        d.write(3);
        awaitLog(api, d.id(), "notification act (method) not sent: method nosuch: ResourceNotFound");
    }

    @Test
    void failingMethod_isLoggedWithTheCause_andQuarantined() {
        Dev d = alerted("broken", "x");
        d.write(3);
        awaitLog(api, d.id(), "notification act (method) not sent: method broken: MethodFailed");
        awaitLog(api, d.id(), "valve stuck");
        assertThat(body(api.get("/v3/devices/" + d.id() + "/methods/broken"))
                        .get("disabled")
                        .asBoolean())
                .isTrue();
    }
}
