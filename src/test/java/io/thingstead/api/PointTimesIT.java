package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Point times (README: Data, point times). The server's clock stands still here, so every point it
 * times falls in one millisecond: each still gets a time of its own, one after the other; a point
 * with its own {@code t} replaces the stored point of that time, and the receipt and the device log
 * say so.
 */
class PointTimesIT extends ClockedServerIt {
    @BeforeAll
    static void properties() {
        Fixtures.property(admin, profile, "{'name':'temp','type':'number','access':'public'}");
    }

    static List<Instant> times(Dev d) {
        return DataItSupport.times(admin, d.id(), "temp").stream()
                .map(Instant::parse)
                .toList();
    }

    static String log(Dev d) {
        return MqttItSupport.log(admin, d.id());
    }

    @Test
    void pipelinedRawPublishes_ofOneMillisecond_areEachStored_atConsecutiveMilliseconds() throws Exception {
        Dev d = device();
        Mqtt3AsyncClient c = MqttItSupport.connectAsync3(server, d);
        int n = 300;
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            acks.add(c.publishWith()
                    .topic("connio/data/out/devices/" + d.id() + "/properties/temp")
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(String.valueOf(i).getBytes(StandardCharsets.UTF_8))
                    .send());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        List<Instant> times = times(d);
        assertThat(times).hasSize(n);
        assertThat(times.get(0)).isEqualTo(START);
        assertThat(times.get(n - 1)).isEqualTo(START.plusMillis(n - 1));
        assertThat(DataItSupport.values(admin, d.id(), "temp").get(n - 1).intValue())
                .as("in the order they were published")
                .isEqualTo(n - 1);
        c.disconnect().join();
    }

    @Test
    void restPointsWithoutATime_feedOrObject_eachGetAMillisecondOfTheirOwn() {
        Dev d = device();
        assertReceipt(as(d).post("/v3/data/properties/temp", "{\"dps\":[{\"v\":1},{\"v\":2},{\"v\":3}]}"), 3, 0);
        assertReceipt(as(d).post("/v3/data/devices/_this_", Map.of("temp", 4)), 1, 0);
        assertReceipt(admin.post("/v3/data/devices/" + d.id(), Map.of("temp", 5)), 1, 0);

        assertThat(times(d))
                .containsExactly(
                        START, START.plusMillis(1), START.plusMillis(2), START.plusMillis(3), START.plusMillis(4));
    }

    @Test
    void aPointWithItsOwnTime_replacesTheStoredPoint_andTheReceiptAndTheDeviceLogSaySo() {
        Dev d = device();
        String t = START.minus(Duration.ofHours(1)).toString();
        assertReceipt(as(d).post("/v3/data/properties/temp", "{\"dps\":[{\"t\":\"" + t + "\",\"v\":1}]}"), 1, 0);
        assertReceipt(as(d).post("/v3/data/properties/temp", "{\"dps\":[{\"t\":\"" + t + "\",\"v\":2}]}"), 1, 0, 1);

        assertThat(DataItSupport.values(admin, d.id(), "temp"))
                .extracting(JsonNode::intValue)
                .containsExactly(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> log(d).contains("Point 0 (temp=2 at " + t.replace("Z", ".000Z")
                        + ") replaced the value stored for that time"));
    }

    @Test
    void aBackfilledPoint_ofAStoredTime_isReplacing_andOneOfANewTimeIsNot() {
        Dev d = device();
        String older = START.minus(Duration.ofHours(2)).toString();
        String between = START.minus(Duration.ofMinutes(90)).toString();
        String newer = START.minus(Duration.ofHours(1)).toString();
        String feed = "{\"dps\":[{\"t\":\"" + older + "\",\"v\":1},{\"t\":\"" + newer + "\",\"v\":2}]}";
        assertReceipt(as(d).post("/v3/data/properties/temp", feed), 2, 0);

        String backfill = "{\"dps\":[{\"t\":\"" + older + "\",\"v\":3},{\"t\":\"" + between + "\",\"v\":4}]}";
        assertReceipt(as(d).post("/v3/data/properties/temp", backfill), 2, 0, 1);
        assertThat(DataItSupport.values(admin, d.id(), "temp"))
                .extracting(JsonNode::intValue)
                .containsExactly(3, 4, 2);
    }

    @Test
    void anMqttFeedPoint_withTheTimeOfAStoredOne_isLoggedAsReplacing() {
        Dev d = device();
        String t = START.minus(Duration.ofMinutes(5)).toString();
        Mqtt3BlockingClient c = MqttItSupport.connect3(server, d);
        String topic = "connio/data/out/devices/" + d.id() + "/json";
        MqttItBase.publish(c, topic, "{\"dps\":[{\"prop\":\"temp\",\"t\":\"" + t + "\",\"v\":1}]}");
        MqttItBase.publish(c, topic, "{\"dps\":[{\"prop\":\"temp\",\"t\":\"" + t + "\",\"v\":2}]}");
        await().atMost(Duration.ofSeconds(5)).until(() -> log(d).contains("replaced the value stored for that time"));
        assertThat(DataItSupport.values(admin, d.id(), "temp"))
                .extracting(JsonNode::intValue)
                .containsExactly(2);
        c.disconnect();
    }
}
