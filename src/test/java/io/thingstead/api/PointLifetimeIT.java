package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A point older than its property's retention lifetime would only be purged: it is refused at the
 * write with the reason, over REST (the receipt), MQTT 5 (PUBACK 0x99) and in the device log
 * (README: Data, retention). The property keeps points for 1 day here.
 */
class PointLifetimeIT extends ClockedServerIt {
    static final String REASON = "older than the property's retention lifetime of 1days";

    @BeforeAll
    static void properties() {
        Fixtures.property(
                admin, profile, "{'name':'temp','type':'number','access':'public','retention':{'lifetime':'1days'}}");
    }

    static String feed(Duration ago, int v) {
        return "{\"dps\":[{\"t\":\"" + START.minus(ago) + "\",\"v\":" + v + "}]}";
    }

    static String log(Dev d) {
        return MqttItSupport.log(admin, d.id());
    }

    @Test
    void rest_aPointOlderThanTheLifetime_isRejectedWithTheReason_aYoungerOneIsStored() {
        Dev d = device();
        String both = "{\"dps\":[{\"t\":\"" + START.minus(Duration.ofHours(25)) + "\",\"v\":1},{\"t\":\""
                + START.minus(Duration.ofHours(23)) + "\",\"v\":2}]}";
        JsonNode rejections = assertReceipt(as(d).post("/v3/data/properties/temp", both), 1, 1);

        assertThat(rejections.get(0).get("index").intValue()).isZero();
        assertThat(rejections.get(0).get("reason").asText())
                .contains("is timed 2026-05-31T11:00:00.000Z", REASON, "points before 2026-05-31T12:00:00.000Z");
        assertThat(DataItSupport.values(admin, d.id(), "temp"))
                .extracting(JsonNode::intValue)
                .containsExactly(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> log(d).contains(REASON));
    }

    @Test
    void mqtt5_aPointOlderThanTheLifetime_getsPuback0x99_andTheDeviceLogSaysWhy() {
        Dev d = device();
        Mqtt5BlockingClient c = MqttItSupport.connect5(server, d);
        String topic = "connio/data/out/devices/" + d.id() + "/properties/json";

        assertThat(MqttItSupport.pubackCode(
                        c,
                        topic,
                        "{\"prop\":\"temp\"," + feed(Duration.ofDays(2), 1).substring(1)))
                .isEqualTo("PAYLOAD_FORMAT_INVALID");
        assertThat(MqttItSupport.pubackCode(
                        c,
                        topic,
                        "{\"prop\":\"temp\"," + feed(Duration.ofHours(1), 2).substring(1)))
                .isEqualTo("SUCCESS");

        assertThat(DataItSupport.values(admin, d.id(), "temp"))
                .extracting(JsonNode::intValue)
                .containsExactly(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> log(d).contains(REASON));
        c.disconnect();
    }
}
