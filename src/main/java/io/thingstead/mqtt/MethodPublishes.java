package io.thingstead.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.JsonInput;
import io.thingstead.methods.MethodInvoker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A PUBLISH on {@code methods/{m}} (the payload is the argument) or {@code methods/json} (a batch
 * {@code {"dps":[{"method","value"}]}}) calls the device's methods through the {@link
 * MethodInvoker}, as the device itself: its own session, or its gateway's for it (docs/methods.md:
 * Calls over MQTT). Calls run on threads of their own, never the broker's. The answer of each call goes to
 * the calling session on {@code connio/data/in/devices/{id}/methods/{m}} (or {@code .../methods/json}
 * for a batch), the REST body: {@code {"result": ...}} or the Connio error array. A refused or
 * failed call is in the device log too, and an MQTT 5 PUBACK carries its reason code; the PUBACK
 * waits for the call, at most {@link #ANSWER_WAIT}, after which the call goes on and is answered on
 * the topic only.
 */
final class MethodPublishes {
    /** The failures of a script, which the invoker logs with the quarantine. */
    private static final Set<ErrorCode> LOGGED_BY_INVOKER =
            EnumSet.of(ErrorCode.METHOD_FAILED, ErrorCode.METHOD_TIMEOUT, ErrorCode.METHOD_OUT_OF_MEMORY);

    /** The most calls in one batch. */
    static final int MAX_BATCH = 20;

    /** How long a PUBACK waits for its call (well under {@link Inbound#ANSWER_TIMEOUT}). */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    /** A PUBACK sent before the call ended: the call goes on, and its answer comes on the topic. */
    static final Answer RUNNING = new Answer(AckReasonCode.SUCCESS, true, null);

    /** Hands an answer to the broker for one session. */
    @FunctionalInterface
    interface Replies {
        void reply(String clientId, String topic, byte[] payload);
    }

    /** Writes a device log entry (shared with refused data publishes). */
    @FunctionalInterface
    interface DeviceLog {
        void log(String deviceId, String type, String message);
    }

    private final MethodInvoker invoker;
    private final Replies replies;
    private final DeviceLog log;
    private final ExecutorService calls = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("thingstead-mqtt-method-", 0).factory());

    MethodPublishes(MethodInvoker invoker, Replies replies, DeviceLog log) {
        this.invoker = invoker;
        this.replies = replies;
        this.log = log;
    }

    /**
     * Runs the call(s) of a publish of {@code s} with key {@code p} on {@code topic}; the answer
     * completes when they end (at once for QoS 0, or a payload that calls nothing).
     */
    CompletableFuture<Answer> call(Sessions.Session s, Principal p, Topic topic, byte[] payload, boolean qos0) {
        List<Call> batch;
        try {
            if (p == null) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, "The session's key is gone");
            }
            batch = topic.kind() == Topic.Kind.METHOD_FEED
                    ? batch(payload)
                    : List.of(new Call(topic.name(), argument(payload)));
        } catch (ApiException e) {
            log.log(
                    topic.deviceId(),
                    "MethodRejected",
                    "Method call on '" + where(topic) + "' refused: " + e.getMessage());
            reply(s, topic, e.errorArray());
            return CompletableFuture.completedFuture(refused(e));
        }
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        try {
            calls.execute(() -> {
                try {
                    answer.complete(run(s, p, topic, batch));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(
                    Answer.notTaken(AckReasonCode.UNSPECIFIED_ERROR, "The server is stopping"));
        }
        return qos0
                ? CompletableFuture.completedFuture(RUNNING)
                : answer.completeOnTimeout(RUNNING, ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One call of a publish. */
    record Call(String method, JsonNode value) {}

    private Answer run(Sessions.Session s, Principal p, Topic topic, List<Call> batch) {
        ArrayNode dps = JsonNodeFactory.instance.arrayNode();
        ApiException first = null;
        int failed = 0;
        for (Call c : batch) {
            ObjectNode out = dps.addObject().put("method", c.method());
            try {
                out.set("result", invoker.invoke(p, p.accountId(), topic.deviceId(), c.method(), c.value()));
            } catch (ApiException e) {
                failed++;
                first = first == null ? e : first;
                out.set("error", e.errorArray());
                logged(topic.deviceId(), c.method(), e);
            } catch (RuntimeException e) {
                failed++;
                ApiException internal = new ApiException(ErrorCode.INTERNAL, "The call failed on the server");
                first = first == null ? internal : first;
                out.set("error", internal.errorArray());
                log.log(topic.deviceId(), "MethodFailed", "Method '" + c.method() + "' failed on the server");
            }
        }
        if (topic.kind() == Topic.Kind.METHOD_FEED) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("dps", dps);
            reply(s, topic, body);
        } else {
            JsonNode one = dps.get(0);
            reply(s, topic, one.has("error") ? one.get("error") : resultBody(one.get("result")));
        }
        if (first == null) {
            return Answer.STORED;
        }
        String reason = failed == 1 && batch.size() == 1
                ? first.getMessage()
                : failed + " of " + batch.size() + " calls failed; the first: " + first.getMessage();
        return Answer.refused(MqttErrors.puback(first.code()), reason);
    }

    /**
     * A failure of the script itself is in the device log already (with the quarantine, by the
     * invoker); a call refused before it ran (no such method, its access, disabled) is logged here.
     */
    private void logged(String deviceId, String method, ApiException e) {
        if (!LOGGED_BY_INVOKER.contains(e.code())) {
            log.log(deviceId, "MethodRejected", "Method call '" + method + "' over MQTT refused: " + e.getMessage());
        }
    }

    private static ObjectNode resultBody(JsonNode result) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("result", result);
        return body;
    }

    private void reply(Sessions.Session s, Topic topic, JsonNode body) {
        replies.reply(s.clientId(), Topic.methodAnswer(topic), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Answer refused(ApiException e) {
        return Answer.refused(MqttErrors.puback(e.code()), e.getMessage());
    }

    private static String where(Topic topic) {
        return topic.kind() == Topic.Kind.METHOD_FEED ? "methods/json" : "methods/" + topic.name();
    }

    /**
     * The argument of {@code methods/{m}}: the payload as JSON; a payload that is not JSON but text
     * (a bridged device's plain message) is that text as a string; none is null.
     */
    static JsonNode argument(byte[] payload) {
        if (payload.length == 0) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JsonInput.parse(payload, "payload");
        } catch (ApiException e) {
            String text = e.code() == ErrorCode.MALFORMED_JSON ? text(payload) : null;
            if (text != null) {
                return JsonNodeFactory.instance.textNode(text);
            }
            throw e;
        }
    }

    /** The payload as text when it is UTF-8 without control characters other than white space, else null. */
    private static String text(byte[] payload) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(payload))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
        boolean control = text.chars().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c));
        return control ? null : text;
    }

    /** The calls of a {@code methods/json} batch, in order; a malformed batch calls nothing. */
    static List<Call> batch(byte[] payload) {
        JsonNode body = JsonInput.parse(payload, "payload");
        JsonNode dps = body.isObject() ? body.get("dps") : null;
        if (dps == null || !dps.isArray() || dps.isEmpty() || body.size() != 1) {
            throw ApiException.invalid("payload", "must be {\"dps\": [{\"method\": name, \"value\": any}, ...]}");
        }
        if (dps.size() > MAX_BATCH) {
            throw ApiException.invalid("dps", "holds " + dps.size() + " calls, more than " + MAX_BATCH);
        }
        List<Call> out = new ArrayList<>();
        for (int i = 0; i < dps.size(); i++) {
            JsonNode e = dps.get(i);
            JsonNode method = e.isObject() ? e.get("method") : null;
            if (method == null
                    || !method.isTextual()
                    || method.asText().isEmpty()
                    || e.size() > (e.has("value") ? 2 : 1)) {
                throw ApiException.invalid(
                        "dps[" + i + "]", "must be {\"method\": name, \"value\": any} (value is optional)");
            }
            out.add(new Call(method.asText(), e.has("value") ? e.get("value") : JsonNodeFactory.instance.nullNode()));
        }
        return out;
    }

    void close() {
        calls.shutdownNow();
    }
}
