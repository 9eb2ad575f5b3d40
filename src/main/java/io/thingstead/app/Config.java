package io.thingstead.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Server configuration from flags and environment; a flag wins over its variable.
 *
 * @param adminKey {@code keyId:secret} for the bootstrap admin key, or null for a random one
 * @param sysadminKey {@code keyId:secret} for the bootstrap sysadmin key, or null for a random one
 */
public record Config(
        String host, int httpPort, int mqttPort, Path dataDir, String store, String adminKey, String sysadminKey) {

    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final int DEFAULT_MQTT_PORT = 1883;
    /** {@code --mqtt-port off}: no MQTT endpoint (a REST-only deployment). */
    public static final int MQTT_OFF = -1;

    /** Thrown for a flag or variable that cannot be used; its message is the one line to print. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    public static Config parse(String[] args, Map<String, String> env) {
        String http = env.get("THINGSTEAD_HTTP_PORT");
        String mqtt = env.get("THINGSTEAD_MQTT_PORT");
        String data = env.get("THINGSTEAD_DATA_DIR");
        String store = env.get("THINGSTEAD_STORE");
        String host = env.getOrDefault("THINGSTEAD_HOST", "0.0.0.0");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.equals("--http-port")
                    && !name.equals("--mqtt-port")
                    && !name.equals("--data-dir")
                    && !name.equals("--store")
                    && !name.equals("--host")) {
                throw new Invalid(
                        "Unknown option '" + arg + "'; options: --http-port, --mqtt-port, --data-dir, --store, --host");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new Invalid("Option " + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--http-port" -> http = value;
                case "--mqtt-port" -> mqtt = value;
                case "--data-dir" -> data = value;
                case "--store" -> store = value;
                default -> host = value;
            }
        }
        if (store != null && !store.equals("embedded") && !store.startsWith("jdbc:postgresql:")) {
            throw new Invalid("--store must be 'embedded' or a jdbc:postgresql:// URL, got '" + store + "'");
        }
        return new Config(
                host,
                port("--http-port", http, DEFAULT_HTTP_PORT),
                "off".equalsIgnoreCase(mqtt == null ? "" : mqtt.trim())
                        ? MQTT_OFF
                        : port("--mqtt-port", mqtt, DEFAULT_MQTT_PORT),
                Path.of(data == null || data.isBlank() ? "data" : data),
                store == null || store.isBlank() ? "embedded" : store,
                keyPair("THINGSTEAD_ADMIN_KEY", env.get("THINGSTEAD_ADMIN_KEY")),
                keyPair("THINGSTEAD_SYSADMIN_KEY", env.get("THINGSTEAD_SYSADMIN_KEY")));
    }

    private static int port(String flag, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int p = Integer.parseInt(value.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new Invalid(flag + " must be a port number from 0 to 65535, got '" + value + "'");
        }
    }

    private static String keyPair(String var, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1 || value.chars().anyMatch(Character::isWhitespace)) {
            throw new Invalid(var + " must be <keyId>:<secret>");
        }
        return value;
    }

    Config withPorts(int http, int mqtt) {
        return new Config(host, http, mqtt, dataDir, store, adminKey, sysadminKey);
    }
}
