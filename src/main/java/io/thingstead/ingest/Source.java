package io.thingstead.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;

/** Where a write comes from: the protocol, the remote IP, and the key used. */
public record Source(Protocol protocol, String ip, String keyId) {
    /** The endpoint a write came in on, as {@code connectionInfo.endpoint} and a point's meta name it. */
    public enum Protocol {
        REST,
        MQTT;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }
}
