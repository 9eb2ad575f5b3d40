package io.thingstead.api;

import static io.thingstead.api.AlertIncidentsItSupport.awaitLog;
import static io.thingstead.api.NotificationItSupport.alertOn;
import static io.thingstead.api.NotificationItSupport.notification;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.api.NotificationItSupport.Dev;
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
