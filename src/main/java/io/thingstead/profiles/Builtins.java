package io.thingstead.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.thingstead.core.Wire;
import java.util.List;

/**
 * The builtin, system-wide profiles {@code Device → ConnectedDevice → Gateway} and their
 * properties, which the platform itself keeps up to date. Their ids are fixed so every store and
 * every restart agrees on them.
 */
public final class Builtins {
    public static final String DEVICE = "_dpf_100000000000000001";
    public static final String CONNECTED_DEVICE = "_dpf_100000000000000002";
    public static final String GATEWAY = "_dpf_100000000000000003";

    public static final String ACTIVE_ID = "_prp_100000000000000001";
    public static final String LAST_IN_ID = "_prp_100000000000000002";
    public static final String LAST_OUT_ID = "_prp_100000000000000003";
    public static final String CONNECTION_INFO_ID = "_prp_100000000000000004";
    public static final String CONNECTION_STATUS_ID = "_prp_100000000000000005";

    public static final String ACTIVE = "active";
    public static final String LAST_IN = "lastIn";
    public static final String LAST_OUT = "lastOut";
    public static final String CONNECTION_INFO = "connectionInfo";
    public static final String CONNECTION_STATUS = "connectionStatus";

    private static final String EPOCH = "2026-01-01T00:00:00.000Z";

    /** A value of a builtin enum property, stored as its name in lower case ({@link Wire#name}). */
    public interface Value {
        /** The value to store. */
        default TextNode node() {
            return TextNode.valueOf(Wire.name((Enum<?>) this));
        }
    }

    /**
     * The values of the builtin {@code active}: {@code unknown} for a new device, or one without an
     * activity period, until traffic or the end of a period decides.
     */
    public enum Active implements Value {
        ACTIVE,
        INACTIVE,
        UNKNOWN;

        /** The value a stored {@code active} holds, or null when it holds none of these. */
        public static Active of(JsonNode value) {
            return read(Active.class, value);
        }
    }

    /** The values of the builtin {@code connectionStatus} (unset until a device first connects). */
    public enum ConnectionStatus implements Value {
        ONLINE,
        OFFLINE;

        public static ConnectionStatus of(boolean online) {
            return online ? ONLINE : OFFLINE;
        }

        /** The value a stored {@code connectionStatus} holds, or null when it holds none of these. */
        public static ConnectionStatus of(JsonNode value) {
            return read(ConnectionStatus.class, value);
        }
    }

    private static <E extends Enum<E>> E read(Class<E> values, JsonNode value) {
        if (value != null) {
            for (E e : values.getEnumConstants()) {
                if (Wire.name(e).equals(value.asText())) {
                    return e;
                }
            }
        }
        return null;
    }

    private Builtins() {}

    static List<DeviceProfile> profiles() {
        return List.of(
                profile(DEVICE, "Device", null, "Any bidirectional data source; tracks activity and traffic"),
                profile(CONNECTED_DEVICE, "ConnectedDevice", DEVICE, "A connected device; tracks its connectivity"),
                profile(GATEWAY, "Gateway", CONNECTED_DEVICE, "A gateway acting for the edge devices of its key"));
    }

    static List<Property> properties() {
        return List.of(
                property(ACTIVE_ID, DEVICE, ACTIVE, PropertyType.ENUM, set(Active.class)),
                property(LAST_IN_ID, DEVICE, LAST_IN, PropertyType.STRING, null, MOST_RECENT),
                property(LAST_OUT_ID, DEVICE, LAST_OUT, PropertyType.STRING, null),
                property(CONNECTION_INFO_ID, CONNECTED_DEVICE, CONNECTION_INFO, PropertyType.OBJECT, null),
                property(
                        CONNECTION_STATUS_ID,
                        CONNECTED_DEVICE,
                        CONNECTION_STATUS,
                        PropertyType.ENUM,
                        set(ConnectionStatus.class)));
    }

    public static boolean isBuiltinProperty(String propertyId) {
        return propertyId.startsWith("_prp_10000000000000000");
    }

    private static DeviceProfile profile(String id, String name, String base, String description) {
        return new DeviceProfile(
                id,
                null,
                name,
                name,
                base,
                description,
                List.of("builtin"),
                null,
                null,
                null,
                null,
                true,
                EPOCH,
                EPOCH);
    }

    /**
     * lastIn changes with every write a device makes; keeping its history would double every
     * write, so only its most recent value is kept.
     */
    private static final Retention MOST_RECENT = new Retention(
            Retention.Type.MOSTRECENT, "unlimited", 1, new Retention.Condition(Retention.When.ALWAYS, null));

    private static Property property(String id, String owner, String name, PropertyType type, JsonNode boundaries) {
        return property(id, owner, name, type, boundaries, Retention.DEFAULT);
    }

    private static Property property(
            String id, String owner, String name, PropertyType type, JsonNode boundaries, Retention retention) {
        return new Property(
                id,
                null,
                owner,
                name,
                name,
                type,
                Property.Access.PROTECTED,
                Property.Publish.NEVER,
                null,
                boundaries,
                retention,
                "Maintained by the platform",
                List.of("builtin"),
                true,
                EPOCH,
                EPOCH);
    }

    private static <E extends Enum<E>> JsonNode set(Class<E> values) {
        var node = JsonNodeFactory.instance.objectNode();
        var arr = node.putArray("set");
        for (E v : values.getEnumConstants()) {
            arr.add(Wire.name(v));
        }
        return node;
    }
}
