package io.thingstead.mqtt;

import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Live MQTT sessions: which device and key each client id is, and who is online through whom. */
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

    private final Map<String, Session> byClient = new ConcurrentHashMap<>();
    /** Authenticated CONNECTs not yet confirmed by the broker, by generation (one per connection). */
    private final Map<Long, Session> pending = new ConcurrentHashMap<>();

    /** Generations of sessions whose connection the broker is closing for an unanswered publish. */
    private final Set<Long> closing = ConcurrentHashMap.newKeySet();

    private final AtomicLong generations = new AtomicLong();
    private final KeyService keys;

    Sessions(KeyService keys) {
        this.keys = keys;
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
            byClient.put(s.clientId(), s);
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
        Session live = byClient.get(clientId);
        if (live != null && !live.keyId().equals(keyId) && principal(live) != null) {
            return true;
        }
        return pending.values().stream()
                .anyMatch(s -> s.clientId().equals(clientId) && !s.keyId().equals(keyId) && principal(s) != null);
    }

    /** Removes the session unless a newer one with the same client id took over. */
    Session close(String clientId, Session expected) {
        if (expected != null) {
            closing.remove(expected.generation());
        }
        if (expected != null && byClient.remove(clientId, expected)) {
            return expected;
        }
        return null;
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
        return byClient.get(clientId);
    }

    List<Session> all() {
        return List.copyOf(byClient.values());
    }

    List<Session> usingKey(String keyId) {
        return byClient.values().stream().filter(s -> s.keyId().equals(keyId)).toList();
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
        for (Session s : byClient.values()) {
            if (speaksFor(s, deviceId)) {
                return true;
            }
        }
        return false;
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
        Session own = byClient.get(deviceId);
        if (own != null) {
            out.add(own);
        }
        for (Session s : byClient.values()) {
            if (s != own && speaksFor(s, deviceId)) {
                out.add(s);
            }
        }
        return out;
    }
}
