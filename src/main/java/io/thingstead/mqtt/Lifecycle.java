package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;

/**
 * One connection's life: its session opens when the broker confirms the CONNECT and closes with
 * the connection, which then sends its will unless the client said a normal DISCONNECT. The
 * devices a session speaks for follow it online and offline, and a device session's {@link
 * Outbox} with it (delivering what was queued, or queueing from now on).
 */
final class Lifecycle implements ClientLifecycleEventListener {
    /** Where a session's devices go online (with its IP) or offline (IP null). */
    @FunctionalInterface
    interface StatusChange {
        void of(Sessions.Session session, String ip);
    }

    private final Sessions sessions;
    private final Wills wills;
    private final Outbox outbox;
    private final StatusChange status;
    private Sessions.Session session;

    Lifecycle(Sessions sessions, Wills wills, Outbox outbox, StatusChange status) {
        this.sessions = sessions;
        this.wills = wills;
        this.outbox = outbox;
        this.status = status;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {}

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        session = sessions.open(Access.generation(input.getConnectionInformation()));
        if (session != null) {
            wills.connected(session.clientId());
            if (!session.provisioning()) {
                outbox.opened(session);
            }
            status.of(session, session.ip());
        }
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        // As MQTT says: only a DISCONNECT with reason 0x00 (all of MQTT 3.1.1's) drops the will.
        ended(
                input,
                input.getReasonCode()
                        .filter(c -> c != DisconnectedReasonCode.NORMAL_DISCONNECTION)
                        .isPresent());
    }

    /** The connection was lost, or closed by the server (refused, kept alive too long, taken over). */
    @Override
    public void onDisconnect(DisconnectEventInput input) {
        ended(input, true);
    }

    private void ended(DisconnectEventInput input, boolean sendWill) {
        if (session == null) {
            sessions.discard(Access.generation(input.getConnectionInformation()));
            return;
        }
        Sessions.Session closed = sessions.close(input.getClientInformation().getClientId(), session);
        if (sendWill) {
            wills.ended(session);
        }
        if (closed != null) {
            if (!closed.provisioning()) {
                outbox.closed(closed);
            }
            status.of(closed, null);
        }
    }
}
