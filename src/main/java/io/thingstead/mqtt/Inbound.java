package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every PUBLISH from a device goes through the same write pipeline as REST ({@link Publishes}).
 * The interceptor runs before HiveMQ's authorization, so the key's current context is checked
 * there; it holds the PUBACK until the points are durably stored, and never routes device data on
 * to subscribers. A forbidden or bad publish is dropped and written to the device log; the session
 * stays up.
 *
 * <p>How the answer reaches the client (README: MQTT, what a PUBACK means). MQTT 5: the PUBACK
 * carries the answer's reason code. MQTT 3.1.1 has no failure code: a publish that was dealt with
 * (stored, or refused and logged) gets a plain PUBACK; one that was not (the store failed, over
 * quota) gets none, and HiveMQ closes the connection (HiveMQ CE 2025.5,
 * IncomingPublishHandler.dropMessage: a non-success code disconnects an MQTT 3 client); what that
 * connection sent after it is not stored either, as the client sends it again.
 *
 * <p>A plain MQTT 3.1.1 PUBACK for QoS 1 is not written by the interceptor's drop: HiveMQ writes
 * that one from its publish flow handler's own context, so it never passes that handler's write,
 * which is where the packet id's "already received" mark (qos1AlreadySentMap) is cleared; a later
 * DUP=1 publish reusing the id would then be ignored (PublishFlowHandler). Such a publish is
 * instead let through with its topic changed to {@link #ACKNOWLEDGED} and no payload: HiveMQ's
 * own path acknowledges it through the pipeline (IncomingPublishService.sendAck), which clears
 * the mark. Nobody can subscribe to that topic ({@link Access}), so it reaches no one.
 */
final class Inbound implements PublishInboundInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);

    /** Where an acknowledged MQTT 3.1.1 QoS 1 publish goes on to: no subscriber can exist. */
    static final String ACKNOWLEDGED = "thingstead/acknowledged";

    /** HiveMQ gives up on an answer after this (PUBACK with 0x80 on MQTT 5, no PUBACK and closed on 3.1.1). */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final Answer FAILED =
            Answer.notTaken(AckReasonCode.UNSPECIFIED_ERROR, "The data could not be stored; nothing was acknowledged");

    private static final Answer CLOSING = Answer.notTaken(
            AckReasonCode.UNSPECIFIED_ERROR, "The connection is closing; send it again after reconnecting");

    private final Sessions sessions;
    private final Publishes publishes;
    private final Provisioning provisioning;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    Inbound(Sessions sessions, Publishes publishes, Provisioning provisioning) {
        this.sessions = sessions;
        this.publishes = publishes;
        this.provisioning = provisioning;
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
                ANSWER_TIMEOUT, TimeoutFallback.FAILURE, AckReasonCode.UNSPECIFIED_ERROR, "Storing took too long");
        String topic = packet.getTopic();
        byte[] payload = packet.getPayload().map(Access::bytes).orElse(new byte[0]);
        boolean v5 = input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5;
        Qos qos = packet.getQos();
        CompletableFuture<Answer> result;
        try {
            result = !v5 && sessions.isClosing(s)
                    ? CompletableFuture.completedFuture(CLOSING)
                    : publishes.handle(s, topic, payload, qos == Qos.AT_MOST_ONCE, packet.getTimestamp());
        } catch (RuntimeException e) {
            LOG.error("MQTT publish on {} from {} failed", topic, clientId, e);
            result = CompletableFuture.completedFuture(FAILED);
        }
        // Runs here for a refused publish, and on the store writer's thread once points are stored.
        result.whenComplete((answer, e) -> {
            Answer a = e == null ? answer : FAILED;
            if (!v5 && !a.taken() && qos != Qos.AT_MOST_ONCE) {
                sessions.closing(s);
            }
            try {
                apply(a, output, v5, qos);
            } catch (UnsupportedOperationException timedOut) {
                // HiveMQ already answered with the timeout fallback
            } finally {
                async.resume();
            }
            if (s.provisioning() && a.code() == AckReasonCode.SUCCESS) {
                workers.execute(() -> provisioning.request(s, payload));
            }
        });
    }

    /** Tells HiveMQ how to answer (see the class comment). */
    private static void apply(Answer a, PublishInboundOutput output, boolean v5, Qos qos) {
        if (qos == Qos.AT_MOST_ONCE) {
            // Nothing acknowledges QoS 0, and a failure code would close an MQTT 3.1.1 connection.
            output.preventPublishDelivery();
        } else if (v5) {
            if (a.code() == AckReasonCode.SUCCESS) {
                output.preventPublishDelivery();
            } else {
                output.preventPublishDelivery(a.code(), a.reason());
            }
        } else if (!a.taken()) {
            output.preventPublishDelivery(a.code(), a.reason());
        } else if (qos == Qos.AT_LEAST_ONCE) {
            var packet = output.getPublishPacket();
            packet.setTopic(ACKNOWLEDGED);
            packet.setPayload(ByteBuffer.allocate(0));
            packet.setRetain(false);
        } else {
            output.preventPublishDelivery();
        }
    }

    /** A will that fires: a PUBLISH of its session, through the same checks and pipeline. */
    void will(Sessions.Session s, Wills.Will will) {
        try {
            publishes
                    .handle(s, will.topic(), will.payload(), false, System.currentTimeMillis())
                    .whenComplete((a, e) -> {
                        if (e != null || !a.taken()) {
                            LOG.warn("Will of {} on {} was not stored", s.clientId(), will.topic());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.error("Will of {} on {} failed", s.clientId(), will.topic(), e);
        }
    }

    void close() {
        workers.shutdown();
        publishes.close();
    }
}
