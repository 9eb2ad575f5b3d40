package io.thingstead.app;

import io.thingstead.core.Times;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Server configuration from flags and environment; a flag wins over its variable.
 *
 * @param adminKey {@code keyId:secret} for the bootstrap admin key, or null for a random one
 * @param sysadminKey {@code keyId:secret} for the bootstrap sysadmin key, or null for a random one
 * @param maxFutureSkew how far ahead of the server clock a data point's time may be; points timed
 *     later are rejected, so a device with a wrong clock cannot pin a property's latest value
 */
public record Config(
        String host,
        int httpPort,
        int mqttPort,
        Path dataDir,
        String store,
        String adminKey,
        String sysadminKey,
        Config.MqttListeners mqttListeners,
        Duration maxFutureSkew) {

    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_MQTT_TLS_PORT = 8883;
    public static final int DEFAULT_MQTT_WS_PORT = 8000;
    /** {@code --mqtt-port off}: no MQTT endpoint (a REST-only deployment). */
    public static final int MQTT_OFF = -1;

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

    /** Thrown for a flag or variable that cannot be used; its message is the one line to print. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** The flags and the variables they override. */
    private static final Map<String, String> FLAGS = new java.util.LinkedHashMap<>();

    static {
        FLAGS.put("--http-port", "THINGSTEAD_HTTP_PORT");
        FLAGS.put("--mqtt-port", "THINGSTEAD_MQTT_PORT");
        FLAGS.put("--data-dir", "THINGSTEAD_DATA_DIR");
        FLAGS.put("--store", "THINGSTEAD_STORE");
        FLAGS.put("--host", "THINGSTEAD_HOST");
        FLAGS.put("--mqtt-tls-port", "THINGSTEAD_MQTT_TLS_PORT");
        FLAGS.put("--mqtt-tls-keystore", "THINGSTEAD_MQTT_TLS_KEYSTORE");
        FLAGS.put("--mqtt-ws-port", "THINGSTEAD_MQTT_WS_PORT");
        FLAGS.put("--max-future-skew", "THINGSTEAD_MAX_FUTURE_SKEW");
    }

    /**
     * Optional MQTT listeners: TLS when a keystore is given (its password from {@code
     * THINGSTEAD_MQTT_TLS_PASSWORD}, so it never shows in a process list), WebSocket on {@code
     * wsPort} when set; -1 = off.
     */
    public record MqttListeners(int tlsPort, Path keystore, String keystorePassword, int wsPort) {
        public static final MqttListeners NONE = new MqttListeners(-1, null, null, -1);
    }

    public Config(
            String host, int httpPort, int mqttPort, Path dataDir, String store, String adminKey, String sysadminKey) {
        this(host, httpPort, mqttPort, dataDir, store, adminKey, sysadminKey, MqttListeners.NONE);
    }

    public Config(
            String host,
            int httpPort,
            int mqttPort,
            Path dataDir,
            String store,
            String adminKey,
            String sysadminKey,
            MqttListeners mqttListeners) {
        this(host, httpPort, mqttPort, dataDir, store, adminKey, sysadminKey, mqttListeners, DEFAULT_MAX_FUTURE_SKEW);
    }

    /** This configuration with another accepted clock skew of data point times. */
    public Config withMaxFutureSkew(Duration skew) {
        return new Config(host, httpPort, mqttPort, dataDir, store, adminKey, sysadminKey, mqttListeners, skew);
    }

    public static Config parse(String[] args, Map<String, String> env) {
        Map<String, String> v = new java.util.HashMap<>();
        FLAGS.forEach((flag, var) -> {
            if (env.get(var) != null && !env.get(var).isBlank()) {
                v.put(flag, env.get(var));
            }
        });
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!FLAGS.containsKey(name)) {
                throw new Invalid("Unknown option '" + arg + "'; options: " + String.join(", ", FLAGS.keySet()));
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new Invalid("Option " + name + " needs a value");
                }
                value = args[++i];
            }
            v.put(name, value);
        }
        String store = v.get("--store");
        if (store != null && !store.equals("embedded") && !store.startsWith("jdbc:postgresql:")) {
            throw new Invalid("--store must be 'embedded' or a jdbc:postgresql:// URL, got '" + store + "'");
        }
        String mqtt = v.get("--mqtt-port");
        String data = v.get("--data-dir");
        return new Config(
                v.getOrDefault("--host", "0.0.0.0"),
                port("--http-port", v.get("--http-port"), DEFAULT_HTTP_PORT),
                "off".equalsIgnoreCase(mqtt == null ? "" : mqtt.trim())
                        ? MQTT_OFF
                        : port("--mqtt-port", mqtt, DEFAULT_MQTT_PORT),
                Path.of(data == null ? "data" : data),
                store == null ? "embedded" : store,
                keyPair("THINGSTEAD_ADMIN_KEY", env.get("THINGSTEAD_ADMIN_KEY")),
                keyPair("THINGSTEAD_SYSADMIN_KEY", env.get("THINGSTEAD_SYSADMIN_KEY")),
                listeners(v, env),
                skew(v.get("--max-future-skew")));
    }

    private static MqttListeners listeners(Map<String, String> v, Map<String, String> env) {
        String keystore = v.get("--mqtt-tls-keystore");
        int tlsPort = -1;
        String password = null;
        if (keystore != null) {
            if (!java.nio.file.Files.isReadable(Path.of(keystore))) {
                throw new Invalid("--mqtt-tls-keystore " + keystore + " cannot be read");
            }
            password = env.get("THINGSTEAD_MQTT_TLS_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new Invalid("THINGSTEAD_MQTT_TLS_PASSWORD must hold the password of --mqtt-tls-keystore");
            }
            tlsPort = port("--mqtt-tls-port", v.get("--mqtt-tls-port"), DEFAULT_MQTT_TLS_PORT);
        } else if (v.get("--mqtt-tls-port") != null) {
            throw new Invalid("--mqtt-tls-port needs --mqtt-tls-keystore");
        }
        String ws = v.get("--mqtt-ws-port");
        int wsPort = ws == null ? -1 : port("--mqtt-ws-port", ws, DEFAULT_MQTT_WS_PORT);
        return new MqttListeners(tlsPort, keystore == null ? null : Path.of(keystore), password, wsPort);
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

    private static Duration skew(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_FUTURE_SKEW;
        }
        try {
            return Times.duration("--max-future-skew", value);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
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
        return new Config(host, http, mqtt, dataDir, store, adminKey, sysadminKey, mqttListeners, maxFutureSkew);
    }
}
