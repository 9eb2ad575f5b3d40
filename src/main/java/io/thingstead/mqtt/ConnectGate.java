package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;

/**
 * Every CONNECT before the broker acts on it (and before {@link Access} authenticates it): its will
 * is taken off ({@link Wills}), and a provisioning session never outlives its connection, so that
 * no answer can wait in a stored session for whoever connects with that client id next.
 */
final class ConnectGate implements ConnectInboundInterceptor {
    @Override
    public void onConnect(ConnectInboundInput input, ConnectInboundOutput output) {
        var packet = output.getConnectPacket();
        if (packet.getClientId().startsWith(Provisioning.CLIENT_PREFIX)) {
            packet.setCleanStart(true);
            packet.setSessionExpiryInterval(0);
        }
        Wills.takeOff(input, output);
    }
}
