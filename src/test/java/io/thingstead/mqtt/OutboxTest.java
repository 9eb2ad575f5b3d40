package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboxTest {
    static final String DEV = "_dev_1";
    static final String EDGE = "_dev_2";
    static final String GW = "_dev_9";

    final AtomicLong clock = new AtomicLong(1_000_000);
    final List<String> sent = new ArrayList<>();
    final List<String> logged = new ArrayList<>();
    final Map<String, List<String>> keys = Map.of("_key_dev", List.of(DEV), "_key_gw", List.of(GW, EDGE));

    Outbox outbox(int messages, long bytes) {
        return new Outbox(
                new Outbox.Bounds(messages, bytes, Duration.ofHours(1)),
                (client, m) -> sent.add(client + ":" + new String(m.payload(), StandardCharsets.UTF_8)),
                (device, type, message) -> logged.add(device + " " + type + ": " + message),
                key -> keys.getOrDefault(key, List.of()),
                clock::get);
    }

    static Sessions.Session session(String client, String key, boolean clean, long expiry) {
        return new Sessions.Session(client, client, key, "127.0.0.1", 1, null, clean, expiry);
    }

    static Sessions.Session persistent() {
        return session(DEV, "_key_dev", false, Outbox.NEVER);
    }

    static void push(Outbox o, String device, String value, List<String> live) {
        o.push(device, "temp", Topic.push(device, "temp"), value.getBytes(StandardCharsets.UTF_8), live);
    }

    /** A persistent session that subscribed to its pushes at {@code qos} and went offline. */
    Outbox offline(Outbox o, int qos) {
        o.opened(persistent());
        o.subscribed(DEV, "connio/data/in/devices/" + DEV + "/#", qos);
        o.closed(persistent());
        return o;
    }

    @Test
    void pushesToAnOfflinePersistentSession_areQueued_andSentInOrderOnReconnect_beforeNewerOnes() {
        Outbox o = offline(outbox(10, 10_000), 1);
        push(o, DEV, "1", List.of());
        push(o, DEV, "2", List.of());
        assertThat(sent).isEmpty();

        o.opened(persistent());
        push(o, DEV, "3", List.of(DEV));

        assertThat(sent).containsExactly(DEV + ":1", DEV + ":2", DEV + ":3");
        assertThat(logged)
                .containsExactly(DEV + " QueueDelivered: Sent 2 pushes queued while session " + DEV + " was offline");
    }

    @Test
    void aFullQueue_dropsTheOldest_andSaysSoOncePerOfflinePeriod() {
        Outbox o = offline(outbox(3, 10_000), 1);
        for (int i = 1; i <= 5; i++) {
            push(o, DEV, String.valueOf(i), List.of());
        }
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).contains("QueueFull", "is full (3 messages or 10000 bytes)");

        o.opened(persistent());

        assertThat(sent).containsExactly(DEV + ":3", DEV + ":4", DEV + ":5");
        assertThat(logged.get(1)).contains("Sent 3 pushes", "2 older ones were dropped");
    }

    @Test
    void theBytesBound_dropsTheOldestToo() {
        int topic = Topic.push(DEV, "temp").length();
        Outbox o = offline(outbox(100, 2L * (topic + 3)), 1);
        push(o, DEV, "100", List.of());
        push(o, DEV, "200", List.of());
        push(o, DEV, "300", List.of());
        o.opened(persistent());
        assertThat(sent).containsExactly(DEV + ":200", DEV + ":300");
    }

    @Test
    void pushesOlderThanTheAge_expire() {
        Outbox o = offline(outbox(10, 10_000), 1);
        push(o, DEV, "old", List.of());
        clock.addAndGet(Duration.ofMinutes(61).toMillis());
        push(o, DEV, "new", List.of());
        o.opened(persistent());
        assertThat(sent).containsExactly(DEV + ":new");
        assertThat(logged.get(0)).contains("1 expired (older than 1 hour)");
    }

    @Test
    void aCleanSession_orAQos0Subscription_getsNothingQueued() {
        Outbox clean = outbox(10, 10_000);
        Sessions.Session s = session(DEV, "_key_dev", true, 0);
        clean.opened(s);
        clean.subscribed(DEV, "connio/data/in/devices/" + DEV + "/#", 1);
        clean.closed(s);
        push(clean, DEV, "1", List.of());
        clean.opened(s);

        Outbox qos0 = offline(outbox(10, 10_000), 0);
        push(qos0, DEV, "2", List.of());
        qos0.opened(persistent());

        assertThat(sent).isEmpty();
    }

    @Test
    void reconnectingClean_dropsTheQueue_andSaysSo() {
        Outbox o = offline(outbox(10, 10_000), 1);
        push(o, DEV, "1", List.of());
        o.opened(session(DEV, "_key_dev", true, Outbox.NEVER));
        assertThat(sent).isEmpty();
        assertThat(logged)
                .containsExactly(
                        DEV
                                + " QueueDropped: 1 pushes queued for an offline session were dropped: the session reconnected clean");
    }

    @Test
    void anExpiredSession_getsNothingQueued_andTheSweepForgetsIt() {
        Outbox o = outbox(10, 10_000);
        Sessions.Session s = session(DEV, "_key_dev", false, 10);
        o.opened(s);
        o.subscribed(DEV, "connio/data/in/devices/" + DEV + "/#", 1);
        o.closed(s);
        push(o, DEV, "1", List.of());
        clock.addAndGet(11_000);
        push(o, DEV, "2", List.of());
        o.sweep();
        o.opened(session(DEV, "_key_dev", false, 10));
        assertThat(sent).isEmpty();
        assertThat(logged)
                .containsExactly(DEV
                        + " QueueDropped: 1 pushes queued for an offline session were dropped: the session expired");
    }

    @Test
    void aGatewaysPersistentSession_queuesForItsEdges() {
        Outbox o = outbox(10, 10_000);
        Sessions.Session gw = session(GW, "_key_gw", false, Outbox.NEVER);
        o.opened(gw);
        o.subscribed(GW, "connio/data/in/devices/" + EDGE + "/#", 1);
        o.closed(gw);
        push(o, EDGE, "7", List.of());
        o.opened(gw);
        assertThat(sent).containsExactly(GW + ":7");
    }

    @Test
    void aDeletedOrDisabledDevice_dropsItsQueues() {
        Outbox o = offline(outbox(10, 10_000), 1);
        push(o, DEV, "1", List.of());
        o.dropDevice(DEV);
        o.opened(persistent());
        assertThat(sent).isEmpty();
    }
}
