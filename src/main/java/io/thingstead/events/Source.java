package io.thingstead.events;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.core.Wire;

/**
 * Where a write comes from: the protocol ({@code platform} for what the platform writes by itself,
 * e.g. {@code inactive} after a silent period; {@code method} for a device method's writes), the
 * remote IP, and the key used.
 */
public record Source(Protocol protocol, String ip, String keyId) {
    /** The platform writing on its own: no connection, no key. */
    public static final Source PLATFORM = new Source(Protocol.PLATFORM, null, null);

    /** A device method writing through its built-ins: no connection, no key. */
    public static final Source METHOD = new Source(Protocol.METHOD, null, null);

    /**
     * The endpoint a write came in on, as {@code connectionInfo.endpoint} and a point's meta name it;
     * {@code platform} for the platform's own writes.
     */
    public enum Protocol {
        REST,
        MQTT,
        /** A device method's built-ins ({@code setProperty}, {@code setDeviceProperty}). */
        METHOD,
        PLATFORM;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }
}
