package io.thingstead.mqtt;

import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Live MQTT sessions: which device and key each client id is, and who is online through whom. A
 * device's session (its client id is the device id) is runtime state of the device ({@link
 * DeviceRuntime}): freeing the device ends the session's connection, and the connection's end
 * removes it. Provisioning sessions belong to no device.
 */
final class Sessions {
    /**
     * A session; {@code deviceId} is null for a provisioning session ({@code _???_} client id),
     * {@code will} null when the CONNECT had none (see {@link Wills}). {@code cleanStart} and
     * {@code sessionExpiry} (seconds; {@link Outbox#NEVER} for an MQTT 3.1.1 clean session 0) are
     * the CONNECT's.
     */
    record Session(
            String clientId,
            String deviceId,
            String keyId,
            String ip,
            long generation,
            Wills.Will will,
            boolean cleanStart,
            long sessionExpiry) {
        boolean provisioning() {
            return deviceId == null;
        }
    }

    /** Device sessions by device id, which is their client id. */
    private final Slot<Session> byDevice;
    /** Provisioning sessions by client id. */
    private final Map<String, Session> provisioning = new ConcurrentHashMap<>();
    /** Authenticated CONNECTs not yet confirmed by the broker, by generation (one per connection). */
    private final Map<Long, Session> pending = new ConcurrentHashMap<>();

    /** Generations of sessions whose connection the broker is closing for an unanswered publish. */
    private final Set<Long> closing = ConcurrentHashMap.newKeySet();

    /**
     * The sessions that speak for a device besides its own (device id → gateway sessions), so that
     * a push finds them without a scan of every session: kept on open and close and when a key
     * changes ({@link #keyChanged}). A session is listed under what its key listed then; {@link
     * #speakingFor} checks each against its key as it is now.
     */
    private final Map<String, Set<Session>> speakers = new ConcurrentHashMap<>();
    /** What each session is listed under in {@link #speakers}; guarded by itself. */
    private final Map<Session, List<String>> listedUnder = new HashMap<>();

    private final AtomicLong generations = new AtomicLong();
    private final KeyService keys;

    /** {@code end} ends the connection of a client id (a freed device's session ends so). */
    Sessions(KeyService keys, DeviceRuntime runtime, Consumer<String> end) {
        this.keys = keys;
        this.byDevice = runtime.slot("MQTT session", (deviceId, s) -> end.accept(s.clientId()));
    }

    /**
     * Remembers an authenticated CONNECT until the broker confirms the session; the returned
     * generation names it on its connection.
     */
    long authenticated(
            String clientId,
            String deviceId,
            String keyId,
            String ip,
            Wills.Will will,
            boolean cleanStart,
            long sessionExpiry) {
        long generation = generations.incrementAndGet();
        pending.put(
                generation, new Session(clientId, deviceId, keyId, ip, generation, will, cleanStart, sessionExpiry));
        return generation;
    }

    /** The broker confirmed the connection's session: it becomes the session of its client id. */
    Session open(long generation) {
        Session s = pending.remove(generation);
        if (s != null) {
            if (s.provisioning()) {
                provisioning.put(s.clientId(), s);
            } else {
                byDevice.put(s.clientId(), s);
                list(s);
            }
        }
        return s;
    }

    /** The connection ended before the broker confirmed it. */
    void discard(long generation) {
        pending.remove(generation);
    }

    /**
     * Whether a live or starting session of the client id uses another key than {@code keyId}, one
     * still valid (a session whose key was revoked is on its way out).
     */
    boolean heldByAnotherKey(String clientId, String keyId) {
        Session live = get(clientId);
        if (live != null && !live.keyId().equals(keyId) && principal(live) != null) {
            return true;
        }
        return pending.values().stream()
                .anyMatch(s -> s.clientId().equals(clientId) && !s.keyId().equals(keyId) && principal(s) != null);
    }

    /** Removes the session unless a newer one with the same client id took over. */
    Session close(String clientId, Session expected) {
        if (expected == null) {
            return null;
        }
        closing.remove(expected.generation());
        unlist(expected);
        boolean removed =
                expected.provisioning() ? provisioning.remove(clientId, expected) : byDevice.remove(clientId, expected);
        return removed ? expected : null;
    }

    /**
     * The broker closes the session's connection (an MQTT 3.1.1 publish it could not acknowledge):
     * what the client sent after that publish is not stored either, it comes again on reconnect.
     */
    void closing(Session s) {
        closing.add(s.generation());
    }

    boolean isClosing(Session s) {
        return closing.contains(s.generation());
    }

    Session get(String clientId) {
        Session s = byDevice.get(clientId);
        return s != null ? s : provisioning.get(clientId);
    }

    List<Session> all() {
        List<Session> out = new ArrayList<>(byDevice.values());
        out.addAll(provisioning.values());
        return out;
    }

    List<Session> usingKey(String keyId) {
        return all().stream().filter(s -> s.keyId().equals(keyId)).toList();
    }

    /** The devices a session speaks for: its own, and for a gateway every device its key lists now. */
    Set<String> reach(Session s) {
        Set<String> out = new LinkedHashSet<>();
        if (s.provisioning()) {
            return out;
        }
        out.add(s.deviceId());
        ApiKey key = keys.find(s.keyId());
        if (key != null) {
            out.addAll(key.context().ids());
        }
        return out;
    }

    /** Whether the session speaks for the device: its own, or listed by its (gateway) key now. */
    private boolean speaksFor(Session s, String deviceId) {
        if (s.provisioning()) {
            return false;
        }
        if (deviceId.equals(s.deviceId())) {
            return true;
        }
        ApiKey key = keys.find(s.keyId());
        return key != null && key.context().holds(deviceId);
    }

    /** A device is online while its own session or a session of a gateway listing it is open. */
    boolean online(String deviceId) {
        return !speakingFor(deviceId).isEmpty();
    }

    /** The current principal of a session's key, or null when the key is gone. */
    Principal principal(Session s) {
        try {
            return keys.current(s.keyId());
        } catch (RuntimeException gone) {
            return null;
        }
    }

    /** Sessions of gateways (or the device itself) that speak for a device, own session first. */
    List<Session> speakingFor(String deviceId) {
        List<Session> out = new ArrayList<>();
        Session own = byDevice.get(deviceId);
        if (own != null) {
            out.add(own);
        }
        for (Session s : speakers.getOrDefault(deviceId, Set.of())) {
            if (s != own && byDevice.get(s.clientId()) == s && speaksFor(s, deviceId)) {
                out.add(s);
            }
        }
        return out;
    }

    /** A key changed (a gateway's edge devices, or it is gone): its sessions are listed anew. */
    void keyChanged(String keyId) {
        synchronized (listedUnder) {
            for (Session s : List.copyOf(listedUnder.keySet())) {
                if (s.keyId().equals(keyId)) {
                    unlist(s);
                    list(s);
                }
            }
        }
    }

    /** Lists a device session under every other device its key lists now. */
    private void list(Session s) {
        // The key is read under the lock: a key change told after it is listed lists it anew.
        synchronized (listedUnder) {
            ApiKey key = keys.find(s.keyId());
            List<String> others = key == null
                    ? List.of()
                    : key.context().ids().stream()
                            .filter(id -> !id.equals(s.deviceId()))
                            .toList();
            listedUnder.put(s, others);
            for (String id : others) {
                speakers.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(s);
            }
        }
    }

    private void unlist(Session s) {
        synchronized (listedUnder) {
            List<String> ids = listedUnder.remove(s);
            for (String id : ids == null ? List.<String>of() : ids) {
                speakers.computeIfPresent(id, (k, set) -> {
                    set.remove(s);
                    return set.isEmpty() ? null : set;
                });
            }
        }
    }
}
