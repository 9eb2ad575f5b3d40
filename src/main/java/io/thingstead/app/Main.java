package io.thingstead.app;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

/**
 * {@code thingstead serve [flags]}: runs until SIGTERM or SIGINT, then shuts down cleanly, exit 0
 * (exit 1 after a shutdown because another server took the PostgreSQL store's lock: StoreLock);
 * {@code thingstead admin-key --reset}, {@code --version}, and {@code --help} for each.
 */
public final class Main {
    static {
        // HiveMQ's jar carries a logback.xml of its own; ours has a name of its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "thingstead-logback.xml");
        }
    }

    private Main() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (command) {
            case "serve" -> serve(rest);
            case "admin-key" -> System.exit(AdminKey.run(rest, System.getenv(), System.out, System.err));
            case "--version", "version" -> {
                System.out.println("thingstead " + version());
                System.exit(0);
            }
            case "--help", "-h", "help" -> {
                System.out.print(Usage.main());
                System.exit(0);
            }
            default -> {
                System.err.print(Usage.main());
                System.exit(2);
            }
        }
    }

    /** The project version, from the jar's manifest. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(unknown: not run from target/thingstead.jar)" : v;
    }

    private static void serve(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(Usage.serve());
            System.exit(0);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Config cfg;
        try {
            cfg = Config.parse(args, System.getenv());
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
        boolean[] lockLost = {false};
        server.onStoreLockLost(() -> {
            lockLost[0] = true;
            stop.countDown();
        });
        log.info(
                "Thingstead {} is up: {}, data in {}, store {}",
                version(),
                server.listeners(),
                cfg.dataDir().toAbsolutePath(),
                cfg.store().startsWith("jdbc:") ? "PostgreSQL" : "embedded");
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Shutting down");
        server.close();
        if (lockLost[0]) {
            log.error("Stopped: another server holds the store now");
            System.exit(1);
        }
        log.info("Stopped");
        System.exit(0);
    }
}
