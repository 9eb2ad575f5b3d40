package io.thingstead.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.JsonInput;
import io.thingstead.ingest.Ingest;
import io.thingstead.ingest.Receipt;
import io.thingstead.ingest.Source;
import io.thingstead.timeseries.Feed;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every PUBLISH from a device goes through the same write pipeline as REST. The interceptor runs
 * before HiveMQ's authorization, so it checks the key's current context itself; it holds the
 * PUBACK until the points are durably stored, and never routes device data on to subscribers.
 * A forbidden or bad publish is dropped and written to the device log; the session stays up.
 */
final class Inbound implements PublishInboundInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);
    /** Payloads above this are rejected (and logged), not stored. */
    static final int MAX_PAYLOAD = 256 * 1024;

    private final Sessions sessions;
    private final Ingest ingest;
    private final InstantSource clock;
    private final Provisioning provisioning;
    private final FloodGuard flood = new FloodGuard();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    Inbound(Sessions sessions, Ingest ingest, Provisioning provisioning, InstantSource clock) {
        this.provisioning = provisioning;
        this.sessions = sessions;
        this.ingest = ingest;
        this.clock = clock;
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String clientId = input.getClientInformation().getClientId();
        var packet = input.getPublishPacket();
        Sessions.Session s = sessions.get(clientId);
        if (s == null) {
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "No session");
            return;
        }
        var async = output.async(
                Duration.ofSeconds(30),
                TimeoutFallback.FAILURE,
                AckReasonCode.UNSPECIFIED_ERROR,
                "Storing took too long");
        String topic = packet.getTopic();
        byte[] payload = packet.getPayload().map(Access::bytes).orElse(new byte[0]);
        // MQTT 3.1.1 has no failure code in PUBACK: such a client gets a plain PUBACK for a refused
        // publish (which is logged), so that bad input never costs it its connection.
        boolean v5 = input.getConnectionInformation().getMqttVersion()
                == com.hivemq.extension.sdk.api.packets.general.MqttVersion.V_5;
        CompletableFuture<AckReasonCode> result;
        try {
            result = handle(s, topic, payload);
        } catch (RuntimeException e) {
            LOG.error("MQTT publish on {} from {} failed", topic, clientId, e);
            result = CompletableFuture.completedFuture(AckReasonCode.UNSPECIFIED_ERROR);
        }
        // Runs here for a refused publish, and on the store writer's thread once points are stored.
        result.whenComplete((code, e) -> {
            AckReasonCode c = e == null ? code : AckReasonCode.UNSPECIFIED_ERROR;
            try {
                if (c == AckReasonCode.SUCCESS || !v5) {
                    output.preventPublishDelivery();
                } else {
                    output.preventPublishDelivery(c);
                }
            } finally {
                async.resume();
            }
            if (s.provisioning() && c == AckReasonCode.SUCCESS) {
                workers.execute(() -> provisioning.request(s, payload));
            }
        });
    }

    /**
     * Checks and parses the publish here, on HiveMQ's extension thread (no blocking): a refused one
     * completes at once, a stored one when the write is durable.
     */
    private CompletableFuture<AckReasonCode> handle(Sessions.Session s, String topicName, byte[] payload) {
        if (s.provisioning()) {
            // Answered after the PUBACK is on its way (see onInboundPublish): the answer closes the session.
            if (!topicName.equals(Provisioning.REQUESTS)) {
                return done(AckReasonCode.NOT_AUTHORIZED);
            }
            return done(provisioning.admit(s) ? AckReasonCode.SUCCESS : AckReasonCode.QUOTA_EXCEEDED);
        }
        Topic topic = Topic.parse(topicName);
        if (topic == null) {
            ingest.logRejection(
                    s.deviceId(), "MqttRejected", "Publish on '" + topicName + "' ignored: not a Connio topic");
            return done(AckReasonCode.TOPIC_NAME_INVALID);
        }
        Principal p = sessions.principal(s);
        if (!topic.reachableBy(p)) {
            LOG.info("MQTT publish on {} by {} refused: not in its key context", topicName, s.clientId());
            ingest.logRejection(
                    s.deviceId(),
                    "MqttRejected",
                    "Publish on '" + topicName + "' refused: the key does not reach that device");
            return done(AckReasonCode.NOT_AUTHORIZED);
        }
        FloodGuard.Verdict verdict = flood.take(topic.deviceId(), clock.millis());
        if (verdict != FloodGuard.Verdict.PASS) {
            if (verdict == FloodGuard.Verdict.DROP_AND_WARN) {
                ingest.logRejection(
                        topic.deviceId(),
                        "RateLimited",
                        "Messages above " + FloodGuard.RATE + "/s (bursts of " + FloodGuard.BURST + ") are dropped");
            }
            return done(AckReasonCode.QUOTA_EXCEEDED);
        }
        if (payload.length > MAX_PAYLOAD) {
            ingest.logRejection(
                    topic.deviceId(),
                    "MqttRejected",
                    "Publish on '" + topicName + "' rejected: " + payload.length + " bytes, more than " + MAX_PAYLOAD);
            return done(AckReasonCode.PAYLOAD_FORMAT_INVALID);
        }
        if (topic.kind() == Topic.Kind.METHOD || topic.kind() == Topic.Kind.METHOD_FEED) {
            ingest.logRejection(
                    topic.deviceId(),
                    "MethodNotAvailable",
                    "Method call on '" + topicName + "' not run: device methods are not available in this version");
            return done(AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR);
        }
        Source source = new Source("mqtt", s.ip(), s.keyId());
        try {
            JsonNode body = JsonInput.parse(payload, "payload");
            Feed feed = topic.kind() == Topic.Kind.FEED
                    ? Feed.parse(body, null, clock.instant())
                    : new Feed(List.of(Feed.Entry.serverTimed(topic.name(), clock.millis(), body)));
            Ingest.Pending pending = ingest.submit(p, p.accountId(), topic.deviceId(), feed, source);
            AckReasonCode code = ackOf(pending.receipt(), topic);
            return pending.stored().thenApply(stored -> code);
        } catch (ApiException e) {
            ingest.logRejection(
                    topic.deviceId(), "DataRejected", "Publish on '" + topicName + "' rejected: " + e.getMessage());
            return done(
                    e.code().status() == 403 || e.code().status() == 401
                            ? AckReasonCode.NOT_AUTHORIZED
                            : AckReasonCode.PAYLOAD_FORMAT_INVALID);
        }
    }

    /**
     * Success when any point was stored (the rejected ones are in the device log); when none was,
     * topic name invalid for a property topic naming no property of the device, else payload
     * format invalid.
     */
    private static AckReasonCode ackOf(Receipt receipt, Topic topic) {
        if (!receipt.nothingStored()) {
            return AckReasonCode.SUCCESS;
        }
        return topic.kind() == Topic.Kind.VALUE && receipt.onlyUnknownProperties()
                ? AckReasonCode.TOPIC_NAME_INVALID
                : AckReasonCode.PAYLOAD_FORMAT_INVALID;
    }

    /** A will that fires: a PUBLISH of its session, through the same checks and pipeline. */
    void will(Sessions.Session s, Wills.Will will) {
        try {
            handle(s, will.topic(), will.payload()).whenComplete((code, e) -> {
                if (e != null) {
                    LOG.warn("Will of {} on {} was not stored: {}", s.clientId(), will.topic(), e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Will of {} on {} failed", s.clientId(), will.topic(), e);
        }
    }

    private static CompletableFuture<AckReasonCode> done(AckReasonCode code) {
        return CompletableFuture.completedFuture(code);
    }

    void close() {
        workers.shutdown();
    }
}
