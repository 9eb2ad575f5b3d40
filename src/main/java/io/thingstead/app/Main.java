package io.thingstead.app;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/** {@code thingstead serve [flags]}: runs until SIGTERM or SIGINT, then shuts down cleanly, exit 0. */
public final class Main {
    static {
        // HiveMQ's jar carries a logback.xml of its own; ours has a name of its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "thingstead-logback.xml");
        }
    }

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            System.err.println(
                    "Usage: thingstead serve [--http-port N] [--mqtt-port N] [--data-dir DIR] [--store embedded|jdbc:postgresql://...]");
            System.exit(2);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Config cfg;
        try {
            cfg = Config.parse(Arrays.copyOfRange(args, 1, args.length), System.getenv());
        } catch (Config.Invalid e) {
            System.err.println("thingstead: " + e.getMessage());
            System.exit(2);
            return;
        }
        Thingstead server;
        try {
            server = Thingstead.start(cfg, InstantSource.system(), System.out);
        } catch (Thingstead.StartupFailure e) {
            LoggerFactory.getLogger(Main.class).debug("Startup failure", e);
            System.err.println("thingstead: " + e.getMessage());
            System.exit(1);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        log.info(
                "Thingstead is up: HTTP on port {}, MQTT {}, data in {}, store {}",
                server.httpPort(),
                server.mqttPort() < 0 ? "off" : "on port " + server.mqttPort(),
                cfg.dataDir().toAbsolutePath(),
                cfg.store().startsWith("jdbc:") ? "PostgreSQL" : "embedded");
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Shutting down");
        server.close();
        log.info("Stopped");
        System.exit(0);
    }
}
