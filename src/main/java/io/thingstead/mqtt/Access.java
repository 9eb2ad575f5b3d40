package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONNECT: client id = device id, user name = key id, password = secret; SUBSCRIBE: only to {@code
 * connio/data/in/devices/{id}/...} for an id the key's current context lists (so a gateway's
 * subscriptions follow its context as it changes).
 */
final class Access implements SimpleAuthenticator, SubscriptionAuthorizer {
    private static final Logger LOG = LoggerFactory.getLogger(Access.class);

    private final KeyService keys;
    private final DeviceRegistry devices;
    private final Sessions sessions;

    Access(KeyService keys, DeviceRegistry devices, Sessions sessions) {
        this.keys = keys;
        this.devices = devices;
        this.sessions = sessions;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        var connect = input.getConnectPacket();
        String clientId = connect.getClientId();
        String user = connect.getUserName().orElse(null);
        String secret = connect.getPassword().map(Access::text).orElse(null);
        Principal p;
        try {
            p = keys.authenticate(user, secret);
        } catch (RuntimeException e) {
            LOG.info("MQTT CONNECT refused for client {}: wrong key", clientId);
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "Wrong API key id or secret");
            return;
        }
        String ip = input.getConnectionInformation()
                .getInetAddress()
                .map(a -> a.getHostAddress())
                .orElse(null);
        if (clientId.startsWith(Provisioning.CLIENT_PREFIX)) {
            if (ApiKey.DEVICE.equals(p.key().ownerType())
                    || !p.inContext(KeyContext.ACCOUNT)
                    || !p.has("device:read")) {
                output.failAuthentication(
                        ConnackReasonCode.NOT_AUTHORIZED, "Provisioning needs an account key with device:read");
                return;
            }
            sessions.authenticated(clientId, null, p.key().id(), ip);
            output.authenticateSuccessfully();
            return;
        }
        if (!ApiKey.DEVICE.equals(p.key().ownerType())) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "Only device keys connect over MQTT");
            return;
        }
        if (!p.key().ownerId().equals(clientId)) {
            output.failAuthentication(
                    ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "The client id must be the id of the key's device");
            return;
        }
        Device d = devices.get(clientId);
        if (d == null || Device.DISABLED.equals(d.status())) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "The device is disabled");
            return;
        }
        sessions.authenticated(clientId, clientId, p.key().id(), ip);
        output.authenticateSuccessfully();
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        Sessions.Session s = sessions.get(input.getClientInformation().getClientId());
        if (s != null && s.provisioning()) {
            if (filter.equals(Provisioning.RESPONSES + s.clientId())) {
                output.authorizeSuccessfully();
            } else {
                output.failAuthorization(
                        SubackReasonCode.NOT_AUTHORIZED, "A provisioning session reads only its own response topic");
            }
            return;
        }
        String device = Topic.subscribedDevice(filter);
        Principal p = s == null ? null : sessions.principal(s);
        if (device != null && p != null && p.context().holds(device)) {
            output.authorizeSuccessfully();
        } else {
            LOG.info(
                    "MQTT SUBSCRIBE to {} refused for client {}",
                    filter,
                    input.getClientInformation().getClientId());
            output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "Not a topic of a device this key may read");
        }
    }

    static String text(ByteBuffer b) {
        ByteBuffer copy = b.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
