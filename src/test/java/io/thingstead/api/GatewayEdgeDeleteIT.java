package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deleting an edge device and shortening its gateway's key context are one atomic write. */
class GatewayEdgeDeleteIT {
    @Test
    void deletingAnEdge_removesItFromTheGatewayKey_afterARestartToo() {
        try (TestServer server = TestServer.start()) {
            Http api = server.admin();
            api.post("/v3/deviceprofiles", Map.of("name", "Hub", "baseProfile", "Gateway"));
            String gw = api.post("/v3/devices", Map.of("name", "hub", "profile", "Hub"))
                    .text("id");
            String edge = api.post("/v3/devices", Map.of("name", "edge", "profile", "ConnectedDevice"))
                    .text("id");
            var put = api.put(
                    "/v3/devices/" + gw + "/apikey",
                    Map.of("context", Map.of("type", "device", "ids", List.of(gw, edge))));
            assertThat(put.status()).as(put.toString()).isEqualTo(200);

            assertThat(api.delete("/v3/devices/" + edge).status()).isEqualTo(200);
            server.restart();

            var key = server.admin().get("/v3/devices/" + gw + "/apikey");
            assertThat(key.body().get("context").get("ids").toString()).isEqualTo("[\"" + gw + "\"]");
        }
    }
}
