package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Connio's gateway story (docs/connio.md: Gateways) over MQTT with an independent client: Debian's mosquitto_pub and
 * mosquitto_sub (installed by .ci/run; locally the test says it is skipped without them).
 */
class MosquittoGatewayIT {
    private static boolean installed() {
        try {
            return new ProcessBuilder("mosquitto_pub", "--help").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> cmd, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Assertions.assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "timed out: " + cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assertions.assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @Test
    void seedGatewayScenario_withMosquittoClients() throws Exception {
        if (!installed()) {
            String why = "mosquitto_pub/mosquitto_sub not installed (apt-get install mosquitto-clients): SKIPPED";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + " — CI requires it");
            }
            System.err.println(why);
            Assumptions.abort(why);
        }
        try (TestServer server = TestServer.withMqtt()) {
            Http admin = server.admin();
            Fixtures.profile(admin, "/v3", "Home", "Gateway");
            // Connio's seed feed is timed 2017: the property keeps its points longer than that.
            Fixtures.profile(
                    admin,
                    "/v3",
                    "DoorSensor",
                    "ConnectedDevice",
                    "{'name':'temperature','type':'number','access':'public','publish':'always',"
                            + "'retention':{'lifetime':'unlimited'}}");
            String gw = Fixtures.id(Fixtures.device(admin, "/v3", Fixtures.deviceBody("home.gw", "Home")));
            String edge = Fixtures.id(Fixtures.device(admin, "/v3", Fixtures.deviceBody("door.1", "DoorSensor")));
            Fixtures.gatewayKey(admin, "/v3", gw, edge);
            JsonNode key = Fixtures.apikey(admin, "/v3", gw);
            List<String> auth = List.of(
                    "-h",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(server.mqttPort()),
                    "-u",
                    key.get("id").asText(),
                    "-P",
                    key.get("secret").asText(),
                    "-V",
                    "mqttv311");

            // The gateway publishes for its edge device, as the guide shows, with its own key.
            List<String> pub = new ArrayList<>(List.of(
                    "mosquitto_pub",
                    "-i",
                    gw,
                    "-q",
                    "1",
                    "-t",
                    "connio/data/out/devices/" + edge + "/properties/json",
                    "-m",
                    "{\"dps\":[{\"t\":\"2017-10-12T00:34:34Z\",\"v\":0.23,\"prop\":\"temperature\"}]}"));
            pub.addAll(auth);
            run(pub, 30);
            assertThat(admin.get("/v3/data/devices/" + edge)
                            .body()
                            .get("temperature")
                            .asDouble())
                    .isEqualTo(0.23);

            // The gateway listens for its edge; an external REST write reaches it.
            List<String> sub = new ArrayList<>(List.of(
                    "mosquitto_sub",
                    "-i",
                    gw,
                    "-q",
                    "1",
                    "-C",
                    "1",
                    "-W",
                    "20",
                    "-v",
                    "-t",
                    "connio/data/in/devices/" + edge + "/properties/#"));
            sub.addAll(auth);
            Process listener = new ProcessBuilder(sub).redirectErrorStream(true).start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "online"
                            .equals(admin.get("/v3/data/devices/" + edge)
                                    .body()
                                    .path("connectionStatus")
                                    .asText()));
            // The subscription is made right after CONNACK: keep writing until one push arrives.
            await().atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        admin.post(
                                "/v3/data/devices/" + edge + "/properties/temperature",
                                Map.of("dps", List.of(Map.of("v", 19.5))));
                        return !listener.isAlive();
                    });
            String got = new String(listener.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(got).contains("connio/data/in/devices/" + edge + "/properties/temperature 19.5");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "offline"
                            .equals(admin.get("/v3/data/devices/" + edge)
                                    .body()
                                    .path("connectionStatus")
                                    .asText()));
        }
    }
}
