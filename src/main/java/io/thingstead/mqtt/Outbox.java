package io.thingstead.mqtt;

import io.thingstead.core.Times;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Every push to a device session goes through the session's outbox (README: MQTT, offline queue):
 * sent at once while the session is live; queued while it is offline when the session outlives its
 * connection (clean session 0, or an MQTT 5 session expiry above 0) and subscribed at QoS 1 or 2
 * to the push's topic. A session that does not, a clean session, gets nothing queued.
 *
 * <p>A queue is kept per device the session speaks for (a gateway's for each of its edge devices),
 * bounded by a count, bytes (payload and topic) and age: a push beyond the count or bytes drops the
 * oldest, which the device log says once per offline period; pushes older than the age are dropped
 * when the queue is next touched or swept. When the session connects again (not clean) its queue
 * is handed to the broker in the order the pushes were made, under the session's lock, so no newer
 * push overtakes it; {@code lastOut} follows each PUBACK ({@link PushAcks}). A clean reconnect, the
 * session's expiry, or the device being deleted or disabled drops the queue. Queues live in memory,
 * as the broker's sessions do: a restart empties both.
 */
final class Outbox {
    /** The bounds of one device's queue; {@code messages} 0 turns queueing off. */
    record Bounds(int messages, long bytes, Duration age) {}

    /** A push, sent or queued; {@code seq} orders the pushes of a session across its devices. */
    record Message(long seq, String deviceId, String property, String topic, byte[] payload, long at) {
        long size() {
            return payload.length + topic.length();
        }
    }

    /** Hands a push to the broker for a session. */
    @FunctionalInterface
    interface Sender {
        void send(String clientId, Message m);
    }

    /** Writes a device log entry. */
    @FunctionalInterface
    interface DeviceLog {
        void log(String deviceId, String type, String message);
    }

    /** A session's expiry in seconds that means "never" (MQTT 3.1.1 clean session 0). */
    static final long NEVER = 0xFFFF_FFFFL;

    /** The pushes queued for one device of an offline session. */
    private static final class Queue {
        final ArrayDeque<Message> items = new ArrayDeque<>();
        long bytes;
        int dropped;
        int expired;
        boolean overflowLogged;

        /** Adds the push, dropping the oldest while the queue is over its count or bytes. */
        void add(Message m, Bounds bounds) {
            items.addLast(m);
            bytes += m.size();
            while (!items.isEmpty() && (items.size() > bounds.messages() || bytes > bounds.bytes())) {
                bytes -= items.removeFirst().size();
                dropped++;
            }
        }

        /** Drops the pushes made before {@code cutoff}. */
        void expire(long cutoff) {
            while (!items.isEmpty() && items.peekFirst().at() < cutoff) {
                bytes -= items.removeFirst().size();
                expired++;
            }
        }

        String summary(String clientId, Bounds bounds) {
            String out = "Sent " + items.size() + " pushes queued while session " + clientId + " was offline";
            if (dropped > 0) {
                out += "; " + dropped + " older ones were dropped (the queue holds " + bounds.messages()
                        + " messages or " + bounds.bytes() + " bytes)";
            }
            if (expired > 0) {
                out += "; " + expired + " expired (older than " + Times.describe(bounds.age()) + ")";
            }
            return out;
        }
    }

    private static final class Client {
        String keyId;
        boolean live;
        long expirySeconds;
        long expiresAt = Long.MAX_VALUE;
        final Map<String, Integer> filters = new HashMap<>();
        final Map<String, Queue> queues = new LinkedHashMap<>();
    }

    private final Bounds bounds;
    private final Sender sender;
    private final DeviceLog log;
    private final Function<String, Collection<String>> listed;
    private final LongSupplier clock;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    /** Offline persistent sessions whose key lists devices besides their own (gateways). */
    private final Set<String> offlineGateways = ConcurrentHashMap.newKeySet();

    /**
     * @param listed the devices a key (by id) lists now, none when it is gone
     * @param clock the real clock's milliseconds (session expiry is the broker's, in real time)
     */
    Outbox(
            Bounds bounds,
            Sender sender,
            DeviceLog log,
            Function<String, Collection<String>> listed,
            LongSupplier clock) {
        this.bounds = bounds;
        this.sender = sender;
        this.log = log;
        this.listed = listed;
        this.clock = clock;
    }

    /**
     * A session was confirmed: a clean one drops what was queued for its client id; one that
     * resumes gets its queue, in order, before anything newer.
     */
    void opened(Sessions.Session s) {
        Client c = clients.computeIfAbsent(s.clientId(), k -> new Client());
        synchronized (c) {
            offlineGateways.remove(s.clientId());
            if (s.cleanStart() || clock.getAsLong() >= c.expiresAt) {
                c.filters.clear();
                drop(c, s.cleanStart() ? "the session reconnected clean" : "the session expired");
            } else {
                c.keyId = s.keyId();
                deliver(s.clientId(), c);
            }
            c.keyId = s.keyId();
            c.expirySeconds = s.sessionExpiry();
            c.expiresAt = Long.MAX_VALUE;
            c.live = true;
        }
    }

    /** The live session's connection ended: a persistent session goes offline, another is forgotten. */
    void closed(Sessions.Session s) {
        Client c = clients.get(s.clientId());
        if (c == null) {
            return;
        }
        synchronized (c) {
            c.live = false;
            if (c.expirySeconds <= 0) {
                clients.remove(s.clientId(), c);
                return;
            }
            c.expiresAt = c.expirySeconds >= NEVER ? Long.MAX_VALUE : clock.getAsLong() + c.expirySeconds * 1000;
            if (c.keyId != null && listed.apply(c.keyId).stream().anyMatch(id -> !id.equals(s.clientId()))) {
                offlineGateways.add(s.clientId());
            }
        }
    }

    /** An MQTT 5 DISCONNECT set another session expiry. */
    void expiryChanged(String clientId, long seconds) {
        Client c = clients.get(clientId);
        if (c != null) {
            synchronized (c) {
                c.expirySeconds = seconds;
            }
        }
    }

    void subscribed(String clientId, String filter, int qos) {
        Client c = clients.computeIfAbsent(clientId, k -> new Client());
        synchronized (c) {
            c.filters.put(filter, qos);
        }
    }

    void unsubscribed(String clientId, List<String> filters) {
        Client c = clients.get(clientId);
        if (c != null) {
            synchronized (c) {
                filters.forEach(c.filters::remove);
            }
        }
    }

    /**
     * A push of {@code property} of a device to the sessions that speak for it: {@code live} (the
     * live ones, own first), and the offline persistent ones that subscribed to it at QoS 1 or 2.
     */
    void push(String deviceId, String property, String topic, byte[] payload, List<String> live) {
        push(deviceId, property, topic, payload, live, null);
    }

    /** As {@link #push(String, String, String, byte[], List)}, leaving out the sessions of {@code exceptKey}. */
    void push(String deviceId, String property, String topic, byte[] payload, List<String> live, String exceptKey) {
        Message m = new Message(seq.incrementAndGet(), deviceId, property, topic, payload, clock.getAsLong());
        List<String> targets = new ArrayList<>(live);
        if (!targets.contains(deviceId) && clients.containsKey(deviceId)) {
            targets.add(deviceId);
        }
        for (String gateway : offlineGateways) {
            if (!targets.contains(gateway)) {
                targets.add(gateway);
            }
        }
        for (String clientId : targets) {
            offer(clientId, m, live.contains(clientId), exceptKey);
        }
    }

    private void offer(String clientId, Message m, boolean liveSession, String exceptKey) {
        Client c = clients.get(clientId);
        if (c == null) {
            if (liveSession) {
                sender.send(clientId, m);
            }
            return;
        }
        synchronized (c) {
            if (!liveSession && exceptKey != null && exceptKey.equals(c.keyId)) {
                return;
            }
            if (c.live) {
                sender.send(clientId, m);
            } else if (queues(c, clientId, m)) {
                enqueue(clientId, c, m);
            } else if (liveSession) {
                // connecting: its session is not confirmed yet, nor does it take queued pushes
                sender.send(clientId, m);
            }
        }
    }

    /** Whether an offline session takes the push into its queue. */
    private boolean queues(Client c, String clientId, Message m) {
        if (bounds.messages() <= 0
                || c.expirySeconds <= 0
                || clock.getAsLong() >= c.expiresAt
                || (!clientId.equals(m.deviceId())
                        && (c.keyId == null || !listed.apply(c.keyId).contains(m.deviceId())))) {
            return false;
        }
        return c.filters.entrySet().stream().anyMatch(f -> f.getValue() >= 1 && Topic.matches(f.getKey(), m.topic()));
    }

    private void enqueue(String clientId, Client c, Message m) {
        Queue q = c.queues.computeIfAbsent(m.deviceId(), k -> new Queue());
        q.expire(clock.getAsLong() - bounds.age().toMillis());
        q.add(m, bounds);
        if (q.dropped > 0 && !q.overflowLogged) {
            q.overflowLogged = true;
            log.log(
                    m.deviceId(),
                    "QueueFull",
                    "The offline queue of session " + clientId + " is full (" + bounds.messages()
                            + " messages or " + bounds.bytes() + " bytes): the oldest queued pushes are dropped"
                            + " until the session connects again");
        }
    }

    /** Hands every queued push of the client to the broker, oldest first, and says so per device. */
    private void deliver(String clientId, Client c) {
        long cutoff = clock.getAsLong() - bounds.age().toMillis();
        List<Message> all = new ArrayList<>();
        for (Map.Entry<String, Queue> e : c.queues.entrySet()) {
            Queue q = e.getValue();
            q.expire(cutoff);
            all.addAll(q.items);
            if (!q.items.isEmpty() || q.dropped > 0 || q.expired > 0) {
                log.log(e.getKey(), "QueueDelivered", q.summary(clientId, bounds));
            }
        }
        all.sort(Comparator.comparingLong(Message::seq));
        for (Message m : all) {
            // A gateway gets only what is for a device its key still lists.
            if (clientId.equals(m.deviceId()) || listed.apply(c.keyId).contains(m.deviceId())) {
                sender.send(clientId, m);
            }
        }
        c.queues.clear();
    }

    /** Drops the client's queues, saying why in each device's log. */
    private void drop(Client c, String why) {
        for (Map.Entry<String, Queue> e : c.queues.entrySet()) {
            if (!e.getValue().items.isEmpty()) {
                log.log(
                        e.getKey(),
                        "QueueDropped",
                        e.getValue().items.size() + " pushes queued for an offline session were dropped: " + why);
            }
        }
        c.queues.clear();
    }

    /** The device is deleted or disabled: its own session's queue and every queue for it go. */
    void dropDevice(String deviceId) {
        Client own = clients.remove(deviceId);
        offlineGateways.remove(deviceId);
        if (own != null) {
            synchronized (own) {
                own.queues.clear();
            }
        }
        for (Client c : clients.values()) {
            synchronized (c) {
                c.queues.remove(deviceId);
            }
        }
    }

    /** Forgets expired sessions and drops pushes older than the age bound; run now and then. */
    void sweep() {
        long now = clock.getAsLong();
        long cutoff = now - bounds.age().toMillis();
        for (Map.Entry<String, Client> e : clients.entrySet()) {
            Client c = e.getValue();
            synchronized (c) {
                if (!c.live && now >= c.expiresAt) {
                    drop(c, "the session expired");
                    clients.remove(e.getKey(), c);
                    offlineGateways.remove(e.getKey());
                } else {
                    c.queues.values().forEach(q -> q.expire(cutoff));
                }
            }
        }
    }
}
