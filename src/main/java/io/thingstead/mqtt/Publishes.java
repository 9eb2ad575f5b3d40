package io.thingstead.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.JsonInput;
import io.thingstead.core.Times;
import io.thingstead.events.Source;
import io.thingstead.ingest.Ingest;
import io.thingstead.ingest.Receipt;
import io.thingstead.timeseries.Feed;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a PUBLISH (or a will that fires) of a session does: its topic and rights are checked, the
 * device's rate is applied ({@link Throttle}), and its points go through the write pipeline (or
 * its method calls to {@link MethodPublishes}). The
 * answer completes at once for a refused publish, and once the points are durable for a stored
 * one; a publish beyond the device's rate is held on a timer first. Nothing here blocks.
 */
final class Publishes {
    private static final Logger LOG = LoggerFactory.getLogger(Publishes.class);
    /** Payloads above this are rejected (and logged), not stored. */
    static final int MAX_PAYLOAD = 256 * 1024;

    private final Sessions sessions;
    private final Ingest ingest;
    private final InstantSource clock;
    private final Provisioning provisioning;
    private final Throttle throttle;
    private final MethodPublishes methods;
    private final LongSupplier realTime;
    private final ScheduledExecutorService held = Executors.newSingleThreadScheduledExecutor(r ->
            Thread.ofPlatform().name("thingstead-mqtt-throttle").daemon(true).unstarted(r));

    Publishes(
            Sessions sessions,
            Ingest ingest,
            Provisioning provisioning,
            Throttle throttle,
            MethodPublishes methods,
            InstantSource clock,
            LongSupplier realTime) {
        this.sessions = sessions;
        this.ingest = ingest;
        this.provisioning = provisioning;
        this.throttle = throttle;
        this.methods = methods;
        this.clock = clock;
        this.realTime = realTime;
    }

    /**
     * The answer to a publish of {@code s} on {@code topicName} that reached the broker at {@code
     * arrivedAt} (real clock); {@code qos0} when nothing acknowledges it.
     */
    CompletableFuture<Answer> handle(
            Sessions.Session s, String topicName, byte[] payload, boolean qos0, long arrivedAt) {
        if (s.provisioning()) {
            // Answered after the PUBACK is on its way (see Inbound): the answer closes the session.
            if (!topicName.equals(Provisioning.REQUESTS)) {
                return done(Answer.refused(AckReasonCode.NOT_AUTHORIZED));
            }
            return done(provisioning.admit(s) ? Answer.STORED : Answer.refused(AckReasonCode.QUOTA_EXCEEDED));
        }
        Topic topic = Topic.parse(topicName);
        if (topic == null) {
            ingest.logRejection(
                    s.deviceId(), "MqttRejected", "Publish on '" + topicName + "' ignored: not a Connio topic");
            return done(Answer.refused(AckReasonCode.TOPIC_NAME_INVALID));
        }
        Principal p = sessions.principal(s);
        if (!topic.reachableBy(p)) {
            LOG.info("MQTT publish on {} by {} refused: not in its key context", topicName, s.clientId());
            ingest.logRejection(
                    s.deviceId(),
                    "MqttRejected",
                    "Publish on '" + topicName + "' refused: the key does not reach that device");
            return done(Answer.refused(AckReasonCode.NOT_AUTHORIZED));
        }
        Throttle.Decision turn = throttle.take(topic.deviceId(), realTime.getAsLong(), arrivedAt, qos0);
        logThrottling(topic.deviceId(), turn);
        return switch (turn.kind()) {
            case PASS -> store(s, p, topic, topicName, payload, qos0);
            case DROP -> done(Answer.refused(AckReasonCode.QUOTA_EXCEEDED));
            case OVER_QUOTA -> done(overQuota());
            case HOLD -> later(turn.waitMs(), () -> store(s, sessions.principal(s), topic, topicName, payload, qos0));
        };
    }

    private Answer overQuota() {
        return Answer.notTaken(
                AckReasonCode.QUOTA_EXCEEDED,
                "Over quota: publishing faster than " + throttle.rate() + " messages/s with a backlog of more than "
                        + Times.describe(Duration.ofMillis(throttle.maxBacklogMs())));
    }

    private void logThrottling(String deviceId, Throttle.Decision turn) {
        if (turn.episodeStarts()) {
            ingest.logRejection(
                    deviceId,
                    "Throttled",
                    "Publishing faster than " + throttle.rate() + " messages/s (bursts of " + throttle.burst()
                            + "): PUBACKs are held back until the device is within its rate, QoS 0 messages"
                            + " beyond it are dropped (logged once per episode)");
        }
        if (turn.firstOverQuota()) {
            ingest.logRejection(
                    deviceId,
                    "QuotaExceeded",
                    "Publishes waited more than " + Times.describe(Duration.ofMillis(throttle.maxBacklogMs()))
                            + " for their turn: over quota, they are not stored (MQTT 5: PUBACK 0x97; MQTT 3.1.1:"
                            + " the connection is closed and the client sends them again)");
        }
    }

    /** Runs {@code next} after {@code ms}; its answer is the publish's. */
    private CompletableFuture<Answer> later(long ms, java.util.function.Supplier<CompletableFuture<Answer>> next) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            held.schedule(
                    () -> {
                        try {
                            next.get().whenComplete((a, e) -> {
                                if (e != null) {
                                    answer.completeExceptionally(e);
                                } else {
                                    answer.complete(a);
                                }
                            });
                        } catch (RuntimeException e) {
                            answer.completeExceptionally(e);
                        }
                    },
                    ms,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            answer.completeExceptionally(shuttingDown);
        }
        return answer;
    }

    /**
     * Parses the payload and hands its points to the write pipeline; answers once they are stored,
     * or at once for QoS 0 (nothing acknowledges it; the store keeps the device's points in order).
     */
    private CompletableFuture<Answer> store(
            Sessions.Session s, Principal p, Topic topic, String topicName, byte[] payload, boolean qos0) {
        if (payload.length > MAX_PAYLOAD) {
            ingest.logRejection(
                    topic.deviceId(),
                    "MqttRejected",
                    "Publish on '" + topicName + "' rejected: " + payload.length + " bytes, more than " + MAX_PAYLOAD);
            return done(Answer.refused(AckReasonCode.PAYLOAD_FORMAT_INVALID));
        }
        if (topic.kind() == Topic.Kind.METHOD || topic.kind() == Topic.Kind.METHOD_FEED) {
            return methods.call(s, p, topic, payload, qos0);
        }
        Source source = new Source(Source.Protocol.MQTT, s.ip(), s.keyId());
        try {
            if (p == null) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "The session's key is gone");
            }
            JsonNode body = JsonInput.parse(payload, "payload");
            Feed feed = topic.kind() == Topic.Kind.FEED
                    ? Feed.parse(body, null, clock.instant())
                    : new Feed(List.of(Feed.Entry.serverTimed(topic.name(), clock.millis(), body)));
            Ingest.Pending pending = ingest.submit(p, p.accountId(), topic.deviceId(), feed, source);
            Answer answer = answerOf(pending.receipt(), topic);
            return qos0 ? done(answer) : pending.stored().thenApply(stored -> answer);
        } catch (ApiException e) {
            ingest.logRejection(
                    topic.deviceId(), "DataRejected", "Publish on '" + topicName + "' rejected: " + e.getMessage());
            return done(Answer.refused(MqttErrors.puback(e.code())));
        }
    }

    /**
     * Stored when any point was stored (the rejected ones are in the device log); when none was,
     * topic name invalid for a property topic naming no property of the device, else payload
     * format invalid.
     */
    private static Answer answerOf(Receipt receipt, Topic topic) {
        if (!receipt.nothingStored()) {
            return Answer.STORED;
        }
        return Answer.refused(
                topic.kind() == Topic.Kind.VALUE && receipt.onlyUnknownProperties()
                        ? AckReasonCode.TOPIC_NAME_INVALID
                        : AckReasonCode.PAYLOAD_FORMAT_INVALID);
    }

    private static CompletableFuture<Answer> done(Answer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    void close() {
        held.shutdownNow();
        methods.close();
    }
}
