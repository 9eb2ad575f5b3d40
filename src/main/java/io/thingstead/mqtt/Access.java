package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT: client id = device id, user name = key id, password = secret, and a will on a Connio
 * topic only when the key may publish there; a provisioning client id takes an API client's key. SUBSCRIBE: only to
 * {@code connio/data/in/devices/{id}/...} for an id the key's current context lists (so a gateway's
 * subscriptions follow its context as it changes), or a provisioning session's own answer topic;
 * a device session's subscriptions are noted in its {@link Outbox} (what it gets queued offline).
 * PUBLISH never gets here (see {@link #authorizePublish}).
 */
final class Access implements SimpleAuthenticator, SubscriptionAuthorizer, PublishAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);
    private static final String GENERATION = "thingstead.session";

    private final KeyService keys;
    private final DeviceRegistry devices;
    private final Sessions sessions;
    private final Outbox outbox;

    Access(KeyService keys, DeviceRegistry devices, Sessions sessions, Outbox outbox) {
        this.keys = keys;
        this.devices = devices;
        this.sessions = sessions;
        this.outbox = outbox;
    }

    /** Why a CONNECT is refused. */
    private record Refusal(ConnackReasonCode code, String reason) {}

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        var connect = input.getConnectPacket();
        String clientId = connect.getClientId();
        Wills.Will will = Wills.take(input.getConnectionInformation());
        Principal p;
        try {
            p = keys.authenticate(
                    connect.getUserName().orElse(null),
                    connect.getPassword().map(Access::text).orElse(null));
        } catch (RuntimeException e) {
            LOG.info("MQTT CONNECT refused for client {}: wrong key", clientId);
            ErrorCode code = e instanceof ApiException refused ? refused.code() : ErrorCode.UNAUTHORIZED;
            output.failAuthentication(MqttErrors.connack(code), "Wrong API key id or secret");
            return;
        }
        boolean provisioning = clientId.startsWith(Provisioning.CLIENT_PREFIX);
        Refusal refusal = provisioning ? provisioningRefusal(clientId, p, will) : deviceRefusal(clientId, p, will);
        if (refusal == null && sessions.heldByAnotherKey(clientId, p.keyId())) {
            refusal = new Refusal(
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "The client id is in use by a session of another key");
        }
        if (refusal != null) {
            LOG.info("MQTT CONNECT refused for client {}: {}", clientId, refusal.reason());
            output.failAuthentication(refusal.code(), refusal.reason());
            return;
        }
        String ip = input.getConnectionInformation()
                .getInetAddress()
                .map(a -> a.getHostAddress())
                .orElse(null);
        long generation = sessions.authenticated(
                clientId,
                provisioning ? null : clientId,
                p.keyId(),
                ip,
                will,
                connect.getCleanStart(),
                connect.getSessionExpiryInterval());
        input.getConnectionInformation()
                .getConnectionAttributeStore()
                .putAsString(GENERATION, Long.toString(generation));
        output.authenticateSuccessfully();
    }

    /** The generation of the session authenticated on this connection, or 0 when there is none. */
    static long generation(ConnectionInformation connection) {
        return connection
                .getConnectionAttributeStore()
                .getAsString(GENERATION)
                .map(Long::parseLong)
                .orElse(0L);
    }

    /** Provisioning hands out device keys: only to an API client's account key with {@code device:read}. */
    static boolean mayProvision(Principal p) {
        return p instanceof Principal.Key k
                && k.isApiClientKey()
                && p.inContext(KeyContext.Type.ACCOUNT)
                && p.has("device:read");
    }

    private static Refusal provisioningRefusal(String clientId, Principal p, Wills.Will will) {
        if (!mayProvision(p)) {
            return new Refusal(
                    ConnackReasonCode.NOT_AUTHORIZED,
                    "Provisioning needs an API client key with account context and device:read");
        }
        if (clientId.codePoints().anyMatch(c -> c == '/' || c == '+' || c == '#' || c <= ' ' || c == 0x7f)) {
            return new Refusal(
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "A provisioning client id has no '/', '+', '#', spaces or control characters");
        }
        if (will != null) {
            return new Refusal(ConnackReasonCode.NOT_AUTHORIZED, "A provisioning session cannot have a will");
        }
        return null;
    }

    private Refusal deviceRefusal(String clientId, Principal p, Wills.Will will) {
        if (!p.isDeviceKey()) {
            return new Refusal(ConnackReasonCode.NOT_AUTHORIZED, "Only device keys connect over MQTT");
        }
        if (!clientId.equals(p.keyDevice())) {
            return new Refusal(
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "The client id must be the id of the key's device");
        }
        Device d = devices.get(clientId);
        if (d == null || d.status() == Device.Status.DISABLED) {
            return new Refusal(ConnackReasonCode.NOT_AUTHORIZED, "The device is disabled");
        }
        // A will outside Connio's topics (a Mosquitto bridge's $SYS/broker/connection/... state, a
        // firmware's status topic) is kept: when it fires it is dropped and logged like such a PUBLISH.
        if (will != null && will.topic().startsWith(Topic.NAMESPACE)) {
            Topic topic = Topic.parse(will.topic());
            if (topic == null || !topic.reachableBy(p)) {
                return new Refusal(
                        ConnackReasonCode.NOT_AUTHORIZED,
                        "The will's topic '" + will.topic() + "' is not one this key may publish to");
            }
        }
        return null;
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        // A shared subscription ($share/...) or a $ topic never starts with one of our prefixes.
        String filter = input.getSubscription().getTopicFilter();
        Sessions.Session s = sessions.get(input.getClientInformation().getClientId());
        if (s != null && s.provisioning()) {
            if (filter.equals(Provisioning.RESPONSES + s.clientId())) {
                output.authorizeSuccessfully();
            } else {
                output.failAuthorization(
                        MqttErrors.suback(ErrorCode.FORBIDDEN),
                        "A provisioning session reads only its own response topic");
            }
            return;
        }
        String device = Topic.subscribedDevice(filter);
        Principal p = s == null ? null : sessions.principal(s);
        if (device != null && p != null && p.context().holds(device)) {
            outbox.subscribed(
                    s.clientId(), filter, input.getSubscription().getQos().getQosNumber());
            output.authorizeSuccessfully();
        } else {
            LOG.info(
                    "MQTT SUBSCRIBE to {} refused for client {}",
                    filter,
                    input.getClientInformation().getClientId());
            output.failAuthorization(
                    MqttErrors.suback(ErrorCode.WRONG_CONTEXT), "Not a topic of a device this key may read");
        }
    }

    /**
     * Every PUBLISH is taken by {@link Inbound}, which prevents its delivery (nothing a client sends
     * is routed or retained), except an acknowledged MQTT 3.1.1 QoS 1 publish that it sends on,
     * emptied, to {@link Inbound#ACKNOWLEDGED} so that HiveMQ's own path writes the PUBACK (no one
     * can subscribe there). Wills are taken off the CONNECT by {@link Wills}. Anything else that
     * reaches the broker's authorization skipped both, and is refused.
     */
    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        var packet = input.getPublishPacket();
        if (packet.getTopic().equals(Inbound.ACKNOWLEDGED)
                && packet.getQos() == Qos.AT_LEAST_ONCE
                && !packet.getRetain()
                && packet.getPayload().map(b -> !b.hasRemaining()).orElse(true)) {
            output.authorizeSuccessfully();
            return;
        }
        LOG.warn(
                "MQTT publish on {} from {} reached authorization; refused",
                packet.getTopic(),
                input.getClientInformation().getClientId());
        output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "Publishes are not routed by this broker");
    }

    static String text(ByteBuffer b) {
        return new String(bytes(b), StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer b) {
        ByteBuffer copy = b.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
