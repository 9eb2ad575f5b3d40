package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Last wills. The broker would publish a will itself, past every topic check and the write
 * pipeline, and keep it when it is retained. So every CONNECT's will is taken off before the
 * broker sees it ({@link ConnectGate}) and kept with its connection; {@link Access} refuses the
 * CONNECT when the will is on a Connio topic the key may not publish to, and a will that fires
 * goes through the same pipeline as a PUBLISH of its session ({@link Inbound}): stored when it is
 * on a data topic, dropped and logged otherwise. Nothing of a will is routed or retained: its
 * retain flag, QoS and MQTT 5 properties are ignored.
 *
 * <p>A will fires when the connection ends without a normal DISCONNECT (lost, refused by the
 * server, DISCONNECT with reason 0x04 or an error), after its MQTT 5 will delay (at most the
 * session expiry) unless the client id connects again first. Pending delayed wills do not
 * survive a restart, and none fires while the server shuts down.
 */
final class Wills {
    private static final String ATTRIBUTE = "thingstead.will";

    /** A will as the session keeps it: topic, payload and the delay in seconds before it fires. */
    record Will(String topic, byte[] payload, long delaySeconds) {}

    private final Sessions sessions;
    private final BiConsumer<Sessions.Session, Will> fire;
    /** Client id to the generation of the session whose delayed will waits to fire. */
    private final Map<String, Long> waiting = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("thingstead-mqtt-wills").daemon(true).unstarted(r));
    private volatile boolean closed;

    /** {@code fire} runs a will that fires as a PUBLISH of its session. */
    Wills(Sessions sessions, BiConsumer<Sessions.Session, Will> fire) {
        this.sessions = sessions;
        this.fire = fire;
    }

    /** Takes the will off a CONNECT before the broker acts on it, and keeps it with the connection. */
    static void takeOff(ConnectInboundInput input, ConnectInboundOutput output) {
        var packet = output.getConnectPacket();
        packet.getWillPublish().ifPresent(w -> {
            byte[] payload = w.getPayload().map(Access::bytes).orElse(new byte[0]);
            long delay = Math.min(w.getWillDelay(), packet.getSessionExpiryInterval());
            input.getConnectionInformation()
                    .getConnectionAttributeStore()
                    .put(ATTRIBUTE, encode(new Will(w.getTopic(), payload, delay)));
            packet.setWillPublish(null);
        });
    }

    /** The will the connection's CONNECT carried, or null; taken once, at authentication. */
    static Will take(ConnectionInformation connection) {
        return connection
                .getConnectionAttributeStore()
                .remove(ATTRIBUTE)
                .map(Wills::decode)
                .orElse(null);
    }

    /** A session of the client id started: a will still waiting for its delay is dropped. */
    void connected(String clientId) {
        waiting.remove(clientId);
    }

    /** The connection of {@code s} ended in a way that sends its will. */
    void ended(Sessions.Session s) {
        Will will = s.will();
        if (will == null || closed) {
            return;
        }
        if (will.delaySeconds() <= 0) {
            fire.accept(s, will);
        } else if (sessions.get(s.clientId()) == null) {
            waiting.put(s.clientId(), s.generation());
            timer.schedule(
                    () -> {
                        if (waiting.remove(s.clientId(), s.generation()) && !closed) {
                            fire.accept(s, will);
                        }
                    },
                    will.delaySeconds(),
                    TimeUnit.SECONDS);
        }
    }

    void close() {
        closed = true;
        timer.shutdownNow();
    }

    private static ByteBuffer encode(Will w) {
        try {
            var bytes = new ByteArrayOutputStream();
            var out = new DataOutputStream(bytes);
            byte[] topic = w.topic().getBytes(StandardCharsets.UTF_8);
            out.writeLong(w.delaySeconds());
            out.writeInt(topic.length);
            out.write(topic);
            out.write(w.payload());
            return ByteBuffer.wrap(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Will decode(ByteBuffer b) {
        try {
            var in = new DataInputStream(new java.io.ByteArrayInputStream(Access.bytes(b)));
            long delay = in.readLong();
            String topic = new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
            return new Will(topic, in.readAllBytes(), delay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
