package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.interceptor.puback.PubackInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackInboundInput;
import com.hivemq.extension.sdk.api.interceptor.puback.parameter.PubackInboundOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.general.UserProperty;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells when a push reached the session it was sent to; one per connection. HiveMQ's {@code
 * publishToClient} future cannot say that: it completes SUCCESSFUL once the message is added to the
 * client's queue, before it is even written, whatever the queue's status (HiveMQ CE 2025.5,
 * PublishServiceImpl.publishToClient and PublishDistributorImpl.queuePublish). Instead each push carries a {@link #MARK} user property naming its
 * property (the topic has it lower-cased); as the push leaves, the mark is taken off and its packet
 * id noted, and the PUBACK with that id reports it sent. A QoS 0 push (the session subscribed with
 * QoS 0) counts as sent as it is handed to the connection.
 *
 * <p>At most one entry per packet id in flight, removed by its PUBACK; entries whose PUBACK never
 * comes go with the connection, whose client context alone holds this object. A session that
 * resumes gets the unacknowledged push again, still marked, and notes it anew.
 */
final class PushAcks implements PublishOutboundInterceptor, PubackInboundInterceptor {
    static final String MARK = "thingstead-push";

    /** Receives {@code (deviceId, propertyName)} of a push that was sent. */
    @FunctionalInterface
    interface Sent {
        void sent(String deviceId, String propertyName);
    }

    private record Pushed(String deviceId, String propertyName) {}

    private final Map<Integer, Pushed> inFlight = new ConcurrentHashMap<>();
    private final Sent sent;

    PushAcks(Sent sent) {
        this.sent = sent;
    }

    @Override
    public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
        List<UserProperty> mark = output.getPublishPacket().getUserProperties().removeName(MARK);
        if (mark.isEmpty()) {
            return;
        }
        var packet = input.getPublishPacket();
        // For a gateway's session the topic names the edge device the push is for.
        Pushed pushed = new Pushed(
                Topic.subscribedDevice(packet.getTopic()), mark.get(0).getValue());
        if (pushed.deviceId() == null) {
            return;
        }
        if (packet.getQos() == Qos.AT_MOST_ONCE) {
            sent.sent(pushed.deviceId(), pushed.propertyName());
        } else {
            inFlight.put(packet.getPacketId(), pushed);
        }
    }

    @Override
    public void onInboundPuback(PubackInboundInput input, PubackInboundOutput output) {
        var puback = input.getPubackPacket();
        Pushed pushed = inFlight.remove(puback.getPacketIdentifier());
        // An MQTT 5 device may refuse a message with an error code: then it was not taken.
        if (pushed != null
                && (puback.getReasonCode() == AckReasonCode.SUCCESS
                        || puback.getReasonCode() == AckReasonCode.NO_MATCHING_SUBSCRIBERS)) {
            sent.sent(pushed.deviceId(), pushed.propertyName());
        }
    }
}
