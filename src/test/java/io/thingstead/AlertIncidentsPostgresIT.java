package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.Postgres;
import io.thingstead.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An open incident and its pending handler are stored on PostgreSQL too, and read back after a restart. */
class AlertIncidentsPostgresIT {
    @Test
    void openIncident_onPostgres_survivesARestart() {
        try (TestServer server = TestServer.start(Postgres.freshSchemaUrl())) {
            Http api = server.admin();
            Fixtures.profile(api, "/v3", "PgHot", "ConnectedDevice", "{'name':'temp','type':'number'}");
            ok(api.post(
                    "/v3/deviceprofiles/PgHot/alerts",
                    Http.json("{'name':'hot','trigger':'temp','conditions':[{'severity':'critical','expression':"
                            + "{'operation':'gt','value':5},'handlers':[{'key':'H1','notification':'l'}]}],"
                            + "'notifications':[{'action':'log','name':'l','message':'hot ${value}'}]}")));
            Fixtures.device(api, "/v3", Fixtures.deviceBody("pg-hot-1", "PgHot"));
            Http dev = Fixtures.asDevice(api, "pg-hot-1");
            ok(dev.post("/v3/data/devices/_this_/properties/temp", Http.json("{'dps':[{'v':9}]}")));
            String path = "/v3/devices/pg-hot-1/alerts/incidents";
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get(path).body().get("results").size() == 1);
            var before = api.get(path).body();

            server.restart();

            assertThat(server.admin().get(path).body()).isEqualTo(before);
            assertThat(before.get("results").get(0).get("severity").asText()).isEqualTo("crit");
        }
    }

    @Test
    void pendingTimer_onPostgres_survivesARestart_andRunsOnceWhenItFellDueWhileDown() {
        MutableClock clock = new MutableClock(Instant.parse("2031-05-01T10:00:00Z"));
        try (TestServer server = TestServer.start(Postgres.freshSchemaUrl(), clock)) {
            Http api = server.admin();
            Fixtures.profile(api, "/v3", "PgChain", "ConnectedDevice", "{'name':'temp','type':'number'}");
            ok(api.post(
                    "/v3/deviceprofiles/PgChain/alerts",
                    Http.json("{'name':'loop','trigger':'temp','conditions':[{'severity':'critical','expression':"
                            + "{'operation':'gt','value':5},'handlers':[{'key':'H1','notification':'one','next':'H2',"
                            + "'timeout':'1 minute'},{'key':'H2','notification':'two','next':'H1','timeout':"
                            + "'1 minute'}]}],'notifications':[{'action':'log','name':'one','message':'one'},"
                            + "{'action':'log','name':'two','message':'two'}]}")));
            Fixtures.device(api, "/v3", Fixtures.deviceBody("pg-chain-1", "PgChain"));
            ok(Fixtures.asDevice(api, "pg-chain-1")
                    .post("/v3/data/devices/_this_/properties/temp", Http.json("{'dps':[{'v':9}]}")));
            awaitMessages(api, "one", 1);

            server.restart(() -> clock.advance(Duration.ofMinutes(30)));
            Http after = server.admin();
            server.checkAlertTimers();
            server.checkAlertTimers();
            awaitMessages(after, "two", 1);
            clock.advance(Duration.ofMinutes(1));
            server.checkAlertTimers();
            awaitMessages(after, "one", 2);
            assertThat(messages(after, "two")).isEqualTo(1);
        }
    }

    private static long messages(Http api, String text) {
        var out = new java.util.ArrayList<String>();
        api.get("/v3/devices/pg-chain-1/logs?pageSize=1000")
                .body()
                .get("results")
                .forEach(e -> out.add(e.get("message").asText()));
        return out.stream().filter(text::equals).count();
    }

    private static void awaitMessages(Http api, String text, long count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(api, text) == count);
    }

    private static void ok(Http.Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
}
