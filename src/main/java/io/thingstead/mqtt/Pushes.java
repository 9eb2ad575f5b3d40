package io.thingstead.mqtt;

import io.thingstead.events.StoredEvent;
import io.thingstead.profiles.Property;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The MQTT push, one subscriber of the stored events (README: MQTT): a point goes on to the
 * sessions that speak for its device when its property is {@code public}, publishes {@code always}
 * (or {@code changed} and the point changed it), and it is not older than the property's latest
 * value (a backfilled point is history, never a command). Whoever wrote it (REST, MQTT, the
 * platform), a device never hears its own write: a write by the device's own key is pushed to
 * nobody, and a gateway's write for an edge device goes to every session speaking for that device
 * but the gateway's own.
 *
 * <p>Each push goes through the session's {@link Outbox}: sent at once to a live session, queued
 * for an offline persistent one. {@code lastOut} is written by {@link PushAcks} on the PUBACK.
 */
final class Pushes implements Consumer<StoredEvent> {
    private final Sessions sessions;
    private final Outbox outbox;
    private final BooleanSupplier running;

    /** @param running whether the broker runs (pushes before its start go nowhere) */
    Pushes(Sessions sessions, Outbox outbox, BooleanSupplier running) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.running = running;
    }

    @Override
    public void accept(StoredEvent event) {
        if (!(event instanceof StoredEvent.PointsStored stored) || ownWrite(stored) || !running.getAsBoolean()) {
            return;
        }
        String writerKey = stored.principal().keyId();
        for (StoredEvent.Point p : stored.points()) {
            if (pushed(p)) {
                push(stored.deviceId(), p, writerKey);
            }
        }
    }

    /** The device's own key wrote it: nobody is pushed what the device said itself. */
    static boolean ownWrite(StoredEvent.PointsStored stored) {
        return stored.deviceId().equals(stored.principal().keyDevice());
    }

    /** Whether the point is pushed by the property's rules (README: MQTT, subscribe). */
    static boolean pushed(StoredEvent.Point p) {
        Property prop = p.property();
        return p.latest()
                && prop.access() == Property.Access.PUBLIC
                && prop.publish().pushes(p.changed());
    }

    private void push(String deviceId, StoredEvent.Point p, String writerKey) {
        String name = p.property().name();
        List<String> live = sessions.speakingFor(deviceId).stream()
                .filter(s -> writerKey == null || !writerKey.equals(s.keyId()))
                .map(Sessions.Session::clientId)
                .toList();
        outbox.push(
                deviceId,
                name,
                Topic.push(deviceId, name),
                p.point().value().toString().getBytes(StandardCharsets.UTF_8),
                live,
                writerKey);
    }
}
