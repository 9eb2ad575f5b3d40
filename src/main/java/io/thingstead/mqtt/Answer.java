package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;

/**
 * How a PUBLISH is answered (README: MQTT, what a PUBACK means). {@code taken}: the publish was
 * dealt with, its points stored or the publish refused for what it is and logged; an MQTT 3.1.1
 * client then gets a plain PUBACK. Not taken (the store failed, or the device is over its quota):
 * nothing was stored and nothing is acknowledged; an MQTT 3.1.1 connection is closed instead, so
 * that the client sends the message again. An MQTT 5 client gets {@code code} either way.
 *
 * @param reason the MQTT 5 reason string, or null
 */
record Answer(AckReasonCode code, boolean taken, String reason) {
    static final Answer STORED = new Answer(AckReasonCode.SUCCESS, true, null);

    /** Refused for what it is (logged); MQTT 3.1.1 gets a plain PUBACK. */
    static Answer refused(AckReasonCode code) {
        return new Answer(code, true, null);
    }

    /** Refused for what it is (logged), saying why to an MQTT 5 client. */
    static Answer refused(AckReasonCode code, String reason) {
        return new Answer(code, true, reason);
    }

    /** Not stored and not acknowledged. */
    static Answer notTaken(AckReasonCode code, String reason) {
        return new Answer(code, false, reason);
    }
}
