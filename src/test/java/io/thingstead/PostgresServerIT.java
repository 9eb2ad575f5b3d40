package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
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
            Fixtures.profile(api, "/v3", "PgThermo", "ConnectedDevice");
            JsonNode prop = Fixtures.property(api, "PgThermo", "{'name':'temp','type':'number'}");
            JsonNode device = Fixtures.device(api, "/v3", Fixtures.deviceBody("pg-dev-1", "PgThermo"));
            Http.Key key = Fixtures.deviceKey(api, "pg-dev-1");

            server.restart();

            Http again = server.admin();
            assertThat(again.get("/v3/devices/pg-dev-1").body()).isEqualTo(device);
            assertThat(again.get("/v3/deviceprofiles/PgThermo/properties/temp").body())
                    .isEqualTo(prop);
            assertThat(again.as(key).get("/v3/devices/_this_").status()).isEqualTo(200);
        }
    }
}
