package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.interceptor.disconnect.DisconnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.disconnect.parameter.DisconnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.disconnect.parameter.DisconnectInboundOutput;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.UnsubscribeInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundInput;
import com.hivemq.extension.sdk.api.interceptor.unsubscribe.parameter.UnsubscribeInboundOutput;

/**
 * What a live session changes about what its {@link Outbox} queues once it is offline: an
 * UNSUBSCRIBE takes the filters away, an MQTT 5 DISCONNECT may set another session expiry (0: the
 * session ends with the connection). Subscriptions are noted as {@link Access} grants them.
 */
final class SessionChanges implements UnsubscribeInboundInterceptor, DisconnectInboundInterceptor {
    private final Outbox outbox;

    SessionChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void onInboundUnsubscribe(UnsubscribeInboundInput input, UnsubscribeInboundOutput output) {
        outbox.unsubscribed(
                input.getClientInformation().getClientId(),
                input.getUnsubscribePacket().getTopicFilters());
    }

    @Override
    public void onInboundDisconnect(DisconnectInboundInput input, DisconnectInboundOutput output) {
        input.getDisconnectPacket()
                .getSessionExpiryInterval()
                .ifPresent(seconds ->
                        outbox.expiryChanged(input.getClientInformation().getClientId(), seconds));
    }
}
