package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.Http;
import io.thingstead.testing.Postgres;
import io.thingstead.testing.TestServer;
import org.junit.jupiter.api.Test;

/** The whole server on PostgreSQL: bootstrap, admin writes, and a restart that keeps them. */
class PostgresServerIT {
    @Test
    void serverOnPostgres_keepsEntitiesAcrossRestart() {
        try (TestServer server = TestServer.start(Postgres.freshSchemaUrl())) {
            Http api = server.admin();
            var profile =
                    api.post("/v3/deviceprofiles", Http.json("{'name':'PgThermo','baseProfile':'ConnectedDevice'}"));
            assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
            var prop = api.post("/v3/deviceprofiles/PgThermo/properties", Http.json("{'name':'temp','type':'number'}"));
            assertThat(prop.status()).as(prop.toString()).isEqualTo(200);
            var device = api.post("/v3/devices", Http.json("{'name':'pg-dev-1','profile':'PgThermo'}"));
            assertThat(device.status()).as(device.toString()).isEqualTo(200);
            var key = api.get("/v3/devices/pg-dev-1/apikey").body();

            server.restart();

            Http again = server.admin();
            assertThat(again.get("/v3/devices/pg-dev-1").body()).isEqualTo(device.body());
            assertThat(again.get("/v3/deviceprofiles/PgThermo/properties/temp").body())
                    .isEqualTo(prop.body());
            assertThat(again.as(key).get("/v3/devices/_this_").status()).isEqualTo(200);
        }
    }
}
