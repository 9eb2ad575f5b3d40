package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.thingstead.testing.Http;
import io.thingstead.testing.Postgres;
import io.thingstead.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An open incident is stored on PostgreSQL too, and read back after a restart. */
class AlertIncidentsPostgresIT {
    @Test
    void openIncident_onPostgres_survivesARestart() {
        try (TestServer server = TestServer.start(Postgres.freshSchemaUrl())) {
            Http api = server.admin();
            ok(api.post("/v3/deviceprofiles", Http.json("{'name':'PgHot','baseProfile':'ConnectedDevice'}")));
            ok(api.post("/v3/deviceprofiles/PgHot/properties", Http.json("{'name':'temp','type':'number'}")));
            ok(api.post(
                    "/v3/deviceprofiles/PgHot/alerts",
                    Http.json("{'name':'hot','trigger':'temp','conditions':[{'severity':'critical','expression':"
                            + "{'operation':'gt','value':5},'handlers':[{'key':'H1','notification':'l'}]}],"
                            + "'notifications':[{'action':'log','name':'l','message':'hot ${value}'}]}")));
            ok(api.post("/v3/devices", Http.json("{'name':'pg-hot-1','profile':'PgHot'}")));
            Http dev = api.as(api.get("/v3/devices/pg-hot-1/apikey").body());
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

    private static void ok(Http.Resp r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
}
