package io.thingstead.api;

import static io.thingstead.api.DataReadSupport.iso;
import static io.thingstead.api.DataReadSupport.point;
import static io.thingstead.api.DataReadSupport.times;
import static io.thingstead.api.DataReadSupport.values;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Http;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A device's own activity ({@code active} from its writes and period), {@code lastIn},
 * {@code connectionInfo} and its log.
 */
class ActivityIT extends ActivityItBase {
    // ---- period 0 ----------------------------------------------------------------------------

    @Test
    void periodZero_isUnknownRightAfterCreation_andStaysUnknownWhateverTheDeviceWrites() {
        String id = deviceId(admin, sensor, 0);
        assertThat(active(id)).isEqualTo("unknown");

        Http dev = asDevice(admin, id);
        advance(1000);
        write(dev, "/v3/data/properties/temperature", point(21.5), 1, 0);
        advance(60_000);

        assertActiveAfterCheck(id, "unknown");
        assertThat(values(activeHistory(id))).extracting(JsonNode::asText).containsExactly("unknown");
    }

    // ---- active / inactive -------------------------------------------------------------------

    @Test
    void deviceWrite_makesItActive_stillActiveBeforeThePeriodEnds_inactiveOnceThePeriodPassesInSilence() {
        String id = deviceId(admin, sensor, 10);
        assertThat(active(id)).isEqualTo("unknown");
        Http dev = asDevice(admin, id);
        advance(1000);

        write(dev, devicePath(id), point(20), 1, 0);
        assertThat(active(id)).isEqualTo("active");

        advance(9000);
        assertActiveAfterCheck(id, "active");

        advance(2000);
        assertActiveAfterCheck(id, "inactive");
        assertThat(flat(id).get("temperature").asDouble()).isEqualTo(20.0);
    }

    @Test
    void twentyWritesWithinThePeriod_storeOnlyTheTransitions_notOnePointPerMessage() {
        Instant created = clock.instant();
        String id = deviceId(admin, sensor, 10);
        Http dev = asDevice(admin, id);
        advance(1000);
        Instant firstWrite = clock.instant();
        for (int i = 0; i < 20; i++) {
            write(dev, devicePath(id), point(i), 1, 0);
            advance(100);
        }
        Instant lastWrite = clock.instant().minusMillis(100);
        assertActiveAfterCheck(id, "active");

        advance(10_000);
        Instant deadlinePassed = clock.instant();
        assertActiveAfterCheck(id, "inactive");

        JsonNode history = activeHistory(id);
        assertThat(values(history)).extracting(JsonNode::asText).containsExactly("unknown", "active", "inactive");
        assertThat(times(history)).containsExactly(iso(created), iso(firstWrite), iso(deadlinePassed));
        assertThat(deadlinePassed).isAfter(lastWrite.plusSeconds(10).minusMillis(1));
        assertThat(body(admin.get(devicePath(id) + "?limit=1000"))
                        .get("sampleSize")
                        .asInt())
                .isEqualTo(20);
    }

    @Test
    void activeDevice_becomingInactive_isActiveAgainOnItsNextWrite() {
        String id = deviceId(admin, sensor, 5);
        Http dev = asDevice(admin, id);
        advance(1000);
        write(dev, devicePath(id), point(1), 1, 0);
        advance(6000);
        assertActiveAfterCheck(id, "inactive");

        advance(1000);
        write(dev, devicePath(id), point(2), 1, 0);

        assertThat(active(id)).isEqualTo("active");
        assertThat(values(activeHistory(id)))
                .extracting(JsonNode::asText)
                .containsExactly("unknown", "active", "inactive", "active");
    }

    @Test
    void deviceWithAPeriodThatNeverWrites_becomesInactiveWhenThePeriodPasses() {
        String id = deviceId(admin, sensor, 10);
        advance(10_001);
        assertActiveAfterCheck(id, "inactive");
    }

    // ---- who makes a device active ---------------------------------------------------------------

    @Test
    void externalWrites_doNotMakeADeviceActive_norSetLastInOrConnectionInfo() {
        String id = deviceId(admin, sensor, 10);
        advance(1000);

        write(admin, "/v3/data/devices/" + id + "/properties/setpoint", point(19), 1, 0);
        write(admin, "/v3/data/devices/" + id, Map.of("setpoint", 20), 1, 0);

        JsonNode flat = flat(id);
        assertThat(flat.get("active").asText()).isEqualTo("unknown");
        assertThat(flat.get("setpoint").asDouble()).isEqualTo(20.0);
        assertThat(flat.has("lastIn")).as(flat.toString()).isFalse();
        assertThat(flat.has("connectionInfo")).as(flat.toString()).isFalse();
    }

    @Test
    void builtinProperties_areReadOnly_evenForTheDeviceKey() {
        String id = deviceId(admin, sensor, 10);
        Http dev = asDevice(admin, id);

        ApiAssert.error(dev.post("/v3/data/properties/active", point("inactive")), 403, "Forbidden");
        ApiAssert.error(admin.post("/v3/data/devices/" + id, Map.of("lastIn", "x")), 403, "Forbidden");

        assertThat(active(id)).isEqualTo("unknown");
        assertThat(flat(id).has("lastIn")).isFalse();
    }

    // ---- lastIn and connectionInfo -----------------------------------------------------------------

    @Test
    void lastIn_isTheNameOfTheLastWrittenProperty_withTheWriteTimeNotThePointTime() {
        String id = deviceId(admin, sensor, 0);
        Http dev = asDevice(admin, id);
        advance(1000);
        Instant first = clock.instant();
        write(dev, "/v3/data/properties/temperature", point(1), 1, 0);
        advance(1000);
        Instant second = clock.instant();
        JsonNode feed = Http.json("{'dps':[{'prop':'temperature','v':2,'t':'" + second.minusSeconds(3600)
                + "'},{'prop':'humidity','v':40,'t':'" + second.minusSeconds(3600) + "'}]}");
        write(dev, "/v3/data/properties", feed, 2, 0);

        assertThat(flat(id).get("lastIn").asText()).isEqualTo("humidity");
        // lastIn keeps only its most recent value (retention mostrecent): every write would otherwise
        // store a second point. Its history is that one point, at the time of the last write.
        JsonNode history = body(admin.get("/v3/data/devices/" + id + "/properties/lastIn?order=asc"));
        assertThat(values(history)).extracting(JsonNode::asText).containsExactly("humidity");
        assertThat(times(history)).containsExactly(iso(second));
        assertThat(first).isBefore(second);
    }

    @Test
    void connectionInfo_isTheRemoteIpAndTheRestEndpoint() {
        String id = deviceId(admin, sensor, 0);
        write(asDevice(admin, id), "/v3/data/devices/_this_", Map.of("temperature", 4), 1, 0);

        assertThat(flat(id).get("connectionInfo")).isEqualTo(Http.json("{'ip':'127.0.0.1','endpoint':'rest'}"));
    }

    // ---- device log -----------------------------------------------------------------------------

    @Test
    void deviceLog_recordsTheActiveAndInactiveTransitions_newestFirst() {
        String id = deviceId(admin, sensor, 10);
        Http dev = asDevice(admin, id);
        advance(1000);
        Instant activeAt = clock.instant();
        write(dev, devicePath(id), point(1), 1, 0);
        write(dev, devicePath(id), point(2), 1, 0);
        advance(11_000);
        Instant inactiveAt = clock.instant();
        assertActiveAfterCheck(id, "inactive");

        JsonNode page = ApiAssert.page(admin.get("/v3/devices/" + id + "/logs"));
        List<String> messages = new ArrayList<>();
        page.get("results").forEach(e -> messages.add(e.get("message").asText()));
        assertThat(page.get("total").asInt()).as(page.toString()).isEqualTo(2);
        assertThat(messages.get(0)).startsWith("inactive");
        assertThat(messages.get(1)).startsWith("active");
        assertThat(page.get("results").get(0).get("time").asText()).isEqualTo(iso(inactiveAt));
        assertThat(page.get("results").get(1).get("time").asText()).isEqualTo(iso(activeAt));
        assertThat(page.get("results").get(0).get("type").asText()).isEqualTo("Activity");
    }
}
