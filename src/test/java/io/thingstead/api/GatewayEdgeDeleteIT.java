package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import org.junit.jupiter.api.Test;

/** Deleting an edge device and shortening its gateway's key context are one atomic write. */
class GatewayEdgeDeleteIT {
    @Test
    void deletingAnEdge_removesItFromTheGatewayKey_afterARestartToo() {
        try (TestServer server = TestServer.start()) {
            Http api = server.admin();
            Fixtures.profile(api, "/v3", "Hub", "Gateway");
            String gw = Fixtures.id(Fixtures.device(api, "/v3", Fixtures.deviceBody("hub", "Hub")));
            String edge = Fixtures.id(Fixtures.device(api, "/v3", Fixtures.deviceBody("edge", "ConnectedDevice")));
            Fixtures.gatewayKey(api, "/v3", gw, edge);

            assertThat(api.delete("/v3/devices/" + edge).status()).isEqualTo(200);
            server.restart();

            JsonNode key = Fixtures.apikey(server.admin(), "/v3", gw);
            assertThat(key.get("context").get("ids").toString()).isEqualTo("[\"" + gw + "\"]");
        }
    }
}
