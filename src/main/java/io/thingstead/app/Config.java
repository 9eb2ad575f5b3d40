package io.thingstead.app;

import io.thingstead.alerts.delivery.DeliverySettings;
import io.thingstead.core.Ids;
import io.thingstead.core.Times;
import io.thingstead.mqtt.Delivery;
import io.thingstead.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Server configuration from flags and environment; a flag wins over its variable.
 *
 * @param mqttPort the plain MQTT port: 0 picks a free one, {@link #OFF} turns it off
 * @param adminKey {@code keyId:secret} for the bootstrap admin key, or null for a random one
 * @param sysadminKey {@code keyId:secret} for the bootstrap sysadmin key, or null for a random one
 * @param httpReadTimeout how long a request may take to arrive once its request line did, and
 *     how long an idle connection stays open
 * @param maxFutureSkew how far ahead of the server clock a data point's time may be; points timed
 *     later are rejected, so a device with a wrong clock cannot pin a property's latest value
 * @param mqttDelivery the MQTT throttle, offline queue bounds and CONNECT timeout
 * @param nodeId this server's number among the servers sharing a store (0 to 1023), part of every
 *     id it issues, so servers with different numbers never issue the same id
 * @param writeLanes the store writer's parallel lanes, or 0 for the store's default
 * @param methodScriptMax the largest method body accepted, in bytes of UTF-8
 * @param methodTimeouts how long a method call may run, by account plan, and waits for a free slot
 * @param methodMemoryMib how many MiB a method call may allocate (docs/methods.md: Limits)
 * @param alertDelivery how webhook, e-mail, SMS and method notifications of alerts are delivered
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
        Duration httpReadTimeout,
        Duration maxFutureSkew,
        Delivery mqttDelivery,
        int nodeId,
        int writeLanes,
        int methodScriptMax,
        MethodFlags.Timeouts methodTimeouts,
        int methodMemoryMib,
        DeliverySettings alertDelivery) {

    public static final int DEFAULT_HTTP_PORT = 8081;
    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_MQTT_TLS_PORT = 8883;
    public static final Duration DEFAULT_HTTP_READ_TIMEOUT = Duration.ofSeconds(30);
    /** A listener that is off ({@code --mqtt-port off}, {@code --mqtt-ws-port off}, ...). */
    public static final int OFF = -1;
    /** {@code --mqtt-port off}: no plain MQTT listener. */
    public static final int MQTT_OFF = OFF;

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofDays(1);

    /** The default cap on a method body: 64 KiB of UTF-8 (docs/methods.md: Bad input). */
    public static final int DEFAULT_METHOD_SCRIPT_MAX = 64 * 1024;
    /** Every account's method calls limited to 5 s. */
    public static final MethodFlags.Timeouts DEFAULT_METHOD_TIMEOUTS = MethodFlags.Timeouts.DEFAULT;
    /** What one method call may allocate: 1 GiB. */
    public static final int DEFAULT_METHOD_MEMORY_MIB = MethodFlags.DEFAULT_MEMORY_MIB;

    /** Thrown for a flag or variable that cannot be used; its message is the one line to print. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** A flag of {@code serve}, the variable it overrides, its default and its meaning (for --help). */
    public record Flag(String name, String variable, String fallback, String meaning) {}

    public static final List<Flag> FLAGS = flags(List.of(
            new Flag("--http-port", "THINGSTEAD_HTTP_PORT", "8081", "REST API port (0 picks a free one)"),
            new Flag(
                    "--http-read-timeout",
                    "THINGSTEAD_HTTP_READ_TIMEOUT",
                    "30",
                    "Seconds a request may take to arrive once its request line did (else 408), and an idle"
                            + " connection stays open"),
            new Flag(
                    "--mqtt-port",
                    "THINGSTEAD_MQTT_PORT",
                    "1883",
                    "MQTT port; 0 picks a free one, off turns plain MQTT off"),
            new Flag(
                    "--mqtt-tls-keystore",
                    "THINGSTEAD_MQTT_TLS_KEYSTORE",
                    "off",
                    "A JKS or PKCS#12 keystore with the server key and certificate: turns on MQTT over TLS;"
                            + " its password goes in THINGSTEAD_MQTT_TLS_PASSWORD"),
            new Flag(
                    "--mqtt-tls-port",
                    "THINGSTEAD_MQTT_TLS_PORT",
                    "8883",
                    "MQTT over TLS port (with a keystore); 0 picks a free one, off turns it off"),
            new Flag(
                    "--mqtt-ws-port",
                    "THINGSTEAD_MQTT_WS_PORT",
                    "off",
                    "MQTT over WebSocket port (path /mqtt), e.g. 8000; 0 picks a free one"),
            new Flag(
                    "--data-dir",
                    "THINGSTEAD_DATA_DIR",
                    "./data",
                    "Embedded database, the bootstrap key files and the lock that keeps a second server out"),
            new Flag(
                    "--store",
                    "THINGSTEAD_STORE",
                    "embedded",
                    "embedded (SQLite in the data dir) or a jdbc:postgresql://... URL"),
            new Flag("--host", "THINGSTEAD_HOST", "0.0.0.0", "Address to listen on"),
            new Flag(
                    "--max-future-skew",
                    "THINGSTEAD_MAX_FUTURE_SKEW",
                    "1d",
                    "How far ahead of the server clock a data point's time may be (e.g. 1d, 12h, 30m); later"
                            + " points are rejected"),
            new Flag(
                    "--node-id",
                    "THINGSTEAD_NODE_ID",
                    "0",
                    "This server's number (0-1023) among servers sharing a store; part of every id it issues"),
            new Flag(
                    "--write-lanes",
                    "THINGSTEAD_WRITE_LANES",
                    "auto",
                    "Parallel store writer lanes (1-16; a device's writes stay in one; on PostgreSQL each commits on"
                            + " its own connection); auto: 1, the fastest measured on a small machine"),
            new Flag(
                    "--method-script-max",
                    "THINGSTEAD_METHOD_SCRIPT_MAX",
                    "65536",
                    "The largest method body accepted, in bytes of UTF-8 (1024-1048576)")));

    private static List<Flag> flags(List<Flag> general) {
        List<Flag> all = new java.util.ArrayList<>(general);
        all.addAll(DeliveryFlags.FLAGS);
        all.addAll(MethodFlags.FLAGS);
        all.addAll(AlertFlags.FLAGS);
        return List.copyOf(all);
    }

    /** The flags that name the store, for commands that work on a stopped server's store. */
    public static final List<String> STORE_FLAGS = List.of("--data-dir", "--store");

    /**
     * Optional MQTT listeners: TLS when a keystore is given (its password from {@code
     * THINGSTEAD_MQTT_TLS_PASSWORD}, so it never shows in a process list), WebSocket on {@code
     * wsPort}; a port of 0 picks a free one, {@link #OFF} is off.
     */
    public record MqttListeners(int tlsPort, Path keystore, String keystorePassword, int wsPort) {
        public static final MqttListeners NONE = new MqttListeners(OFF, null, null, OFF);
    }

    /** This configuration with another accepted clock skew of data point times. */
    public Config withMaxFutureSkew(Duration skew) {
        return with(skew, mqttDelivery, methodTimeouts, methodMemoryMib, alertDelivery);
    }

    /** This configuration with another MQTT throttle, offline queue or CONNECT timeout. */
    public Config withMqttDelivery(Delivery delivery) {
        return with(maxFutureSkew, delivery, methodTimeouts, methodMemoryMib, alertDelivery);
    }

    /** This configuration with another delivery of alert notifications (SMTP server, webhook timeout, ...). */
    public Config withAlertDelivery(DeliverySettings delivery) {
        return with(maxFutureSkew, mqttDelivery, methodTimeouts, methodMemoryMib, delivery);
    }

    /**
     * This configuration with method calls limited to {@code timeout}, and to {@code byPlan}'s
     * durations for accounts of those plan types.
     */
    public Config withMethodTimeouts(Duration timeout, Map<String, Duration> byPlan) {
        return with(
                maxFutureSkew,
                mqttDelivery,
                methodTimeouts.withLimits(timeout, byPlan),
                methodMemoryMib,
                alertDelivery);
    }

    /** This configuration with method calls allowed to allocate {@code mib} MiB each. */
    public Config withMethodMemory(int mib) {
        return with(maxFutureSkew, mqttDelivery, methodTimeouts, mib, alertDelivery);
    }

    /** How long a method call waits for a free slot when its account (or the server) runs all it may. */
    public Duration methodSlotWait() {
        return methodTimeouts.slotWait();
    }

    /** The time limit of a method call of an account of that plan type (null: no plan). */
    public Duration methodTimeout(String planType) {
        return methodTimeouts.of(planType);
    }

    private Config with(
            Duration skew, Delivery delivery, MethodFlags.Timeouts timeouts, int memoryMib, DeliverySettings alerts) {
        return new Config(
                host,
                httpPort,
                mqttPort,
                dataDir,
                store,
                adminKey,
                sysadminKey,
                mqttListeners,
                httpReadTimeout,
                skew,
                delivery,
                nodeId,
                writeLanes,
                methodScriptMax,
                timeouts,
                memoryMib,
                alerts);
    }

    /** The flags of {@code serve}. */
    public static Config parse(String[] args, Map<String, String> env) {
        return parse(args, env, FLAGS.stream().map(Flag::name).toList());
    }

    /** Only the {@code allowed} flags (and their variables) are read; the rest keep their defaults. */
    public static Config parse(String[] args, Map<String, String> env, List<String> allowed) {
        Map<String, String> v = values(args, env, allowed);
        String store = v.get("--store");
        if (store != null && !store.equals("embedded") && !store.startsWith("jdbc:postgresql:")) {
            throw new Invalid("--store must be 'embedded' or a jdbc:postgresql:// URL, got '" + store + "'");
        }
        String data = v.get("--data-dir");
        return new Config(
                v.getOrDefault("--host", "0.0.0.0"),
                port("--http-port", v.get("--http-port"), DEFAULT_HTTP_PORT, false),
                port("--mqtt-port", v.get("--mqtt-port"), DEFAULT_MQTT_PORT, true),
                Path.of(data == null ? "data" : data),
                store == null ? "embedded" : store,
                keyPair("THINGSTEAD_ADMIN_KEY", env.get("THINGSTEAD_ADMIN_KEY")),
                keyPair("THINGSTEAD_SYSADMIN_KEY", env.get("THINGSTEAD_SYSADMIN_KEY")),
                listeners(v, env),
                seconds("--http-read-timeout", v.get("--http-read-timeout"), DEFAULT_HTTP_READ_TIMEOUT),
                skew(v.get("--max-future-skew")),
                DeliveryFlags.parse(v),
                nodeId(v.get("--node-id")),
                writeLanes(v.get("--write-lanes")),
                number("--method-script-max", v.get("--method-script-max"), DEFAULT_METHOD_SCRIPT_MAX, 1024, 1 << 20),
                MethodFlags.parse(v),
                MethodFlags.memoryMib(v),
                AlertFlags.parse(v, env));
    }

    private static Map<String, String> values(String[] args, Map<String, String> env, List<String> allowed) {
        Map<String, String> v = new HashMap<>();
        for (Flag flag : FLAGS) {
            String value = env.get(flag.variable());
            if (allowed.contains(flag.name()) && value != null && !value.isBlank()) {
                v.put(flag.name(), value);
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!allowed.contains(name)) {
                throw new Invalid("Unknown option '" + arg + "'; options: " + String.join(", ", allowed));
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new Invalid("Option " + name + " needs a value");
                }
                value = args[++i];
            }
            v.put(name, value);
        }
        return v;
    }

    private static MqttListeners listeners(Map<String, String> v, Map<String, String> env) {
        String keystore = v.get("--mqtt-tls-keystore");
        String tls = v.get("--mqtt-tls-port");
        int tlsPort = OFF;
        String password = null;
        if (keystore != null) {
            if (!Files.isReadable(Path.of(keystore))) {
                throw new Invalid("--mqtt-tls-keystore " + keystore + " cannot be read");
            }
            password = env.get("THINGSTEAD_MQTT_TLS_PASSWORD");
            if (password == null || password.isEmpty()) {
                throw new Invalid("THINGSTEAD_MQTT_TLS_PASSWORD must hold the password of --mqtt-tls-keystore");
            }
            tlsPort = port("--mqtt-tls-port", tls, DEFAULT_MQTT_TLS_PORT, true);
        } else if (tls != null && !isOff(tls)) {
            throw new Invalid("--mqtt-tls-port needs --mqtt-tls-keystore");
        }
        int wsPort = port("--mqtt-ws-port", v.get("--mqtt-ws-port"), OFF, true);
        return new MqttListeners(tlsPort, keystore == null ? null : Path.of(keystore), password, wsPort);
    }

    private static boolean isOff(String value) {
        return "off".equalsIgnoreCase(value.trim());
    }

    private static int port(String flag, String value, int fallback, boolean mayBeOff) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (mayBeOff && isOff(value)) {
            return OFF;
        }
        try {
            int p = Integer.parseInt(value.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new Invalid(flag + " must be a port number from 0 to 65535" + (mayBeOff ? " or off" : "") + ", got '"
                    + value + "'");
        }
    }

    private static Duration seconds(String flag, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int s = Integer.parseInt(value.trim());
            if (s < 1 || s > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new Invalid(flag + " must be a number of seconds from 1 to 3600, got '" + value + "'");
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

    private static int nodeId(String value) {
        return number("--node-id", value, 0, 0, Ids.MAX_NODE);
    }

    /** {@code auto} (or nothing): 0, the store's default. */
    private static int writeLanes(String value) {
        return value != null && value.trim().equals("auto")
                ? 0
                : number("--write-lanes", value, 0, 1, Database.MAX_WRITE_LANES);
    }

    private static int number(String flag, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Invalid(flag + " must be a number from " + min + " to " + max + ", got '" + value + "'");
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
}
