package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static io.thingstead.api.DataItSupport.flat;
import static io.thingstead.api.MqttItSupport.pubackCode;
import static io.thingstead.testing.ApiAssert.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rejected data says why: in the receipt ({@code rejections: [{index, prop, reason}]}), in the
 * device log whatever the device status (bounded per device), and in the MQTT 5 PUBACK when
 * nothing of a publish was stored.
 */
class DataRejectionSecurityIT extends ClockedServerIt {
    @BeforeAll
    static void properties() {
        Fixtures.property(
                admin, profile, "{'name':'temperature','type':'number','access':'public','boundaries':{'max':125}}");
        Fixtures.property(admin, profile, "{'name':'doc','type':'object','access':'public'}");
    }

    static List<JsonNode> rejectionLog(Dev d) {
        List<JsonNode> out = new ArrayList<>();
        body(admin.get("/v3/devices/" + d.id() + "/logs?pageSize=1000"))
                .get("results")
                .forEach(e -> {
                    if (e.get("type").asText().equals("DataRejected")) {
                        out.add(e);
                    }
                });
        return out;
    }

    @Test
    void theReceipt_namesEachRejectedPoint_byIndexPropertyAndReason() {
        Dev d = device();
        String future = clock.instant().plus(Duration.ofDays(2)).toString();
        String feed = "{\"dps\":[{\"prop\":\"temprature\",\"v\":1},{\"prop\":\"temperature\",\"v\":\"hot\"},"
                + "{\"prop\":\"temperature\",\"v\":500},{\"prop\":\"temperature\",\"v\":20},{\"v\":1},"
                + "{\"prop\":\"temperature\",\"t\":\"" + future + "\",\"v\":21}]}";

        JsonNode rejections = assertReceipt(as(d).post("/v3/data/devices/_this_/properties", feed), 1, 5);

        assertThat(rejections)
                .isEqualTo(Http.JSON
                        .createArrayNode()
                        .add(rejection(
                                0,
                                "temprature",
                                "names no property 'temprature' of this device; did you mean 'temperature'?"))
                        .add(rejection(1, "temperature", "must be a number"))
                        .add(rejection(2, "temperature", "is above the maximum 125.0"))
                        .add(rejection(4, null, "names no property ('prop')"))
                        .add(rejection(
                                5,
                                "temperature",
                                "is timed " + future.replace("Z", ".000Z")
                                        + ", more than 1 day ahead of the server clock")));
        assertThat(flat(admin, d.id()).get("temperature").intValue()).isEqualTo(20);
    }

    static JsonNode rejection(int index, String prop, String reason) {
        return Http.JSON
                .createObjectNode()
                .put("index", index)
                .put("prop", prop)
                .put("reason", reason);
    }

    @Test
    void aConventionalObject_indexesItsRejectionsAmongItsEntries() {
        Dev d = device();

        JsonNode rejections = assertReceipt(
                admin.post("/v3/data/devices/" + d.id(), "{\"temperature\":20,\"temprature\":1,\"doc\":5}"), 1, 2);

        assertThat(rejections.get(0))
                .isEqualTo(rejection(
                        1, "temprature", "names no property 'temprature' of this device; did you mean 'temperature'?"));
        assertThat(rejections.get(1)).isEqualTo(rejection(2, "doc", "must be a JSON object or array"));
    }

    @Test
    void restRejections_reachTheDeviceLog_withoutDebugStatus() {
        Dev d = device();
        assertThat(body(admin.get("/v3/devices/" + d.id())).get("status").asText())
                .isEqualTo("enabled");

        assertReceipt(
                as(d).post("/v3/data/devices/_this_/properties/temperature", "{\"dps\":[{\"v\":\"hot\"}]}"), 0, 1);

        List<JsonNode> log = rejectionLog(d);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("level").asText()).isEqualTo("warning");
        assertThat(log.get(0).get("message").asText()).contains("Point 0", "temperature=\"hot\"", "must be a number");
    }

    @Test
    void aFloodOfBadPoints_logsABoundedShare_andTheNextLoggedEntryCountsTheRest() {
        Dev d = device();
        StringBuilder feed = new StringBuilder("{\"dps\":[");
        for (int i = 0; i < 1000; i++) {
            feed.append(i == 0 ? "" : ",").append("{\"v\":\"bad\"}");
        }
        feed.append("]}");

        assertReceipt(as(d).post("/v3/data/devices/_this_/properties/temperature", feed.toString()), 0, 1000);
        assertThat(rejectionLog(d)).hasSize(20);

        clock.advance(Duration.ofSeconds(3));
        assertReceipt(as(d).post("/v3/data/devices/_this_/properties/temperature", "{\"dps\":[{\"v\":\"x\"}]}"), 0, 1);

        List<JsonNode> log = rejectionLog(d);
        assertThat(log).hasSize(21);
        assertThat(log.get(0).get("message").asText()).contains("980 rejections before it were not logged");
    }

    @Test
    void mqtt5_aPublishOfWhichNothingWasStored_getsAFailureReasonCode_andIsLogged() {
        Dev d = device();
        Mqtt5BlockingClient c = MqttItSupport.connect5(server, d);
        String out = "connio/data/out/devices/" + d.id();

        assertThat(pubackCode(c, out + "/properties/temperature", "\"hot\"")).isEqualTo("PAYLOAD_FORMAT_INVALID");
        assertThat(pubackCode(c, out + "/properties/temprature", "20")).isEqualTo("TOPIC_NAME_INVALID");
        assertThat(pubackCode(c, out + "/json", "{\"dps\":[{\"prop\":\"temperature\",\"v\":999}]}"))
                .isEqualTo("PAYLOAD_FORMAT_INVALID");
        assertThat(pubackCode(c, out + "/json", "{\"dps\":[{\"prop\":\"nosuch\",\"v\":1}]}"))
                .isEqualTo("PAYLOAD_FORMAT_INVALID");
        assertThat(pubackCode(
                        c,
                        out + "/json",
                        "{\"dps\":[{\"prop\":\"temperature\",\"v\":\"x\"},{\"prop\":\"temperature\",\"v\":21}]}"))
                .as("partly stored")
                .isEqualTo("SUCCESS");
        assertThat(pubackCode(c, out + "/properties/temperature", "22")).isEqualTo("SUCCESS");

        assertThat(Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID.getCode()).isEqualTo(0x99);
        assertThat(Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID.getCode()).isEqualTo(0x90);
        assertThat(c.getState().isConnected()).isTrue();
        assertThat(flat(admin, d.id()).get("temperature").intValue()).isEqualTo(22);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(rejectionLog(d).toString())
                        .contains(
                                "must be a number",
                                "names no property 'temprature'",
                                "is above the maximum",
                                "'nosuch'"));
        c.disconnect();
    }

    @Test
    void mqtt311_getsAPlainPuback_andTheRejectionIsLoggedAllTheSame() {
        Dev d = device();
        var c = MqttItSupport.connect3(server, d);

        c.publishWith()
                .topic("connio/data/out/devices/" + d.id() + "/properties/temperature")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload("\"hot\"".getBytes(StandardCharsets.UTF_8))
                .send();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(rejectionLog(d).toString()).contains("must be a number"));
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
    }
}
