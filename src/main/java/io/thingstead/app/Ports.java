package io.thingstead.app;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The ports of the listeners: checked before anything starts, 0 resolved to a free port. */
final class Ports {
    private Ports() {}

    /**
     * The MQTT listeners' ports after resolving 0 to a free port; {@link Config#OFF} where a
     * listener is off.
     */
    record Mqtt(int plain, int tls, int ws) {
        static final Mqtt NONE = new Mqtt(Config.OFF, Config.OFF, Config.OFF);

        boolean any() {
            return plain > 0 || tls > 0 || ws > 0;
        }

        /** The listeners that are on, e.g. {@code port 1883, TLS port 8883}. */
        String describe() {
            List<String> on = new ArrayList<>();
            if (plain > 0) {
                on.add("port " + plain);
            }
            if (tls > 0) {
                on.add("TLS port " + tls);
            }
            if (ws > 0) {
                on.add("WebSocket port " + ws);
            }
            return String.join(", ", on);
        }

        static Mqtt resolve(Config cfg) {
            Config.MqttListeners l = cfg.mqttListeners();
            Mqtt m = new Mqtt(
                    resolve(cfg.mqttPort(), "MQTT"), resolve(l.tlsPort(), "MQTT/TLS"), resolve(l.wsPort(), "MQTT/WS"));
            probe(cfg.host(), m.plain, "MQTT", "--mqtt-port");
            probe(cfg.host(), m.tls, "MQTT/TLS", "--mqtt-tls-port");
            probe(cfg.host(), m.ws, "MQTT/WS", "--mqtt-ws-port");
            return m;
        }

        private static int resolve(int port, String what) {
            return port == 0 ? free(what) : port;
        }
    }

    /** Fails early, before the store is opened or bootstrapped, when the port is taken. */
    static void probe(String host, int port, String what, String flag) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (BindException e) {
            throw new Thingstead.StartupFailure(what + " port " + port + " is already in use (set " + flag + ")", e);
        } catch (IOException e) {
            throw new Thingstead.StartupFailure(
                    "Cannot listen on " + what + " port " + port + ": " + e.getMessage(), e);
        }
    }

    private static int free(String what) {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new Thingstead.StartupFailure("No free port for " + what + ": " + e.getMessage(), e);
        }
    }
}
