package io.thingstead.app;

import io.thingstead.alerts.AlertTimers;
import io.thingstead.api.HttpApi;
import io.thingstead.api.Platform;
import io.thingstead.ingest.Activity;
import io.thingstead.ingest.Connections;
import io.thingstead.ingest.RetentionPurge;
import io.thingstead.methods.MethodInvoker;
import io.thingstead.mqtt.MqttEndpoint;
import io.thingstead.storage.Database;
import io.thingstead.storage.StoreLock;
import io.thingstead.timeseries.TimeSeries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One running platform, assembled by hand feature by feature ({@link Assembly}): store, accounts,
 * profiles, devices, data and activity, retention, MQTT, HTTP. Each part registers its close with
 * one {@link Shutdown} list as it starts, and stopping (or a start failing half way) closes them
 * in reverse order: HTTP and MQTT stop taking requests first, the store lock goes last.
 */
public final class Thingstead implements AutoCloseable {
    private final Shutdown shutdown;
    private final int httpPort;
    private final MqttEndpoint mqtt;
    private final Ports.Mqtt mqttPorts;
    private final RetentionPurge purge;
    private final Activity activity;
    private final AlertTimers alertTimers;
    private final StoreLock storeLock;

    private Thingstead(
            Shutdown shutdown,
            StoreLock storeLock,
            int httpPort,
            MqttEndpoint mqtt,
            Ports.Mqtt mqttPorts,
            RetentionPurge purge,
            Activity activity,
            AlertTimers alertTimers) {
        this.activity = activity;
        this.alertTimers = alertTimers;
        this.shutdown = shutdown;
        this.storeLock = storeLock;
        this.httpPort = httpPort;
        this.mqtt = mqtt;
        this.mqttPorts = mqttPorts;
        this.purge = purge;
    }

    /**
     * What to do when another server took the PostgreSQL store's lock after this one's lock
     * session ended (StoreLock): {@code serve} stops, as two servers must not write one store.
     */
    public void onStoreLockLost(Runnable action) {
        storeLock.onLost(action);
    }

    /** Thrown when the server cannot start; its message is the one line to print. */
    public static final class StartupFailure extends RuntimeException {
        StartupFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Thingstead start(Config cfg, InstantSource clock, PrintStream out) {
        return start(cfg, clock, out, UnaryOperator.identity());
    }

    /**
     * As {@link #start(Config, InstantSource, PrintStream)}, with the time-series store passed
     * through {@code wrap} before anything uses it (a wrapper that observes or changes what the
     * store does, e.g. one that makes it fail on purpose).
     */
    public static Thingstead start(Config cfg, InstantSource clock, PrintStream out, UnaryOperator<TimeSeries> wrap) {
        prepareDataDir(cfg.dataDir());
        Shutdown shutdown = new Shutdown();
        try {
            StoreLock lock = lockStore(cfg);
            shutdown.opened("the store lock", lock);
            Ports.Mqtt mqttPorts = checkListeners(cfg);
            Assembly.Store store = Assembly.Store.open(cfg, clock, shutdown);
            Assembly.Accounts accounts = Assembly.Accounts.of(store, clock);
            Assembly.Profiles profiles = Assembly.Profiles.of(store, accounts, clock);
            Assembly.Devices devices = Assembly.Devices.of(store, accounts, profiles, clock);
            Assembly.Alerts alerts = Assembly.Alerts.of(store, accounts, profiles, devices, clock);
            Assembly.Methods methods = Assembly.Methods.of(
                    store, accounts, profiles, devices, clock, Assembly.syntax(), cfg.methodScriptMax());
            Assembly.Data data = Assembly.Data.open(cfg, clock, store, profiles, devices, wrap, shutdown);
            MethodInvoker invoker = Assembly.invoker(cfg, accounts, profiles, devices, methods, data, clock, shutdown);
            Assembly.boundInputs(devices, methods, data, invoker, clock, shutdown);
            var evaluation = Assembly.evaluation(cfg, store, devices, alerts, profiles, data, invoker, clock, shutdown);
            Bootstrap.run(cfg, accounts.dir(), accounts.accounts(), accounts.keys(), store.ids(), out);
            Assembly.startActivity(accounts, devices, data);
            RetentionPurge purge = retention(clock, profiles, data, shutdown);
            MqttEndpoint mqtt = mqttPorts.any()
                    ? mqtt(cfg, clock, mqttPorts, accounts, profiles, devices, data, invoker, shutdown)
                    : null;
            devices.freeDeleted();
            int httpPort = http(
                    cfg,
                    clock,
                    accounts,
                    profiles,
                    devices,
                    alerts,
                    evaluation.evaluation(),
                    methods,
                    invoker,
                    data,
                    shutdown);
            return new Thingstead(
                    shutdown, lock, httpPort, mqtt, mqttPorts, purge, data.activity(), evaluation.timers());
        } catch (RuntimeException e) {
            shutdown.close();
            throw e instanceof StartupFailure ? e : new StartupFailure("Cannot start: " + e.getMessage(), e);
        }
    }

    /** Fails before the store is opened when a listener cannot start; resolves the MQTT ports. */
    private static Ports.Mqtt checkListeners(Config cfg) {
        Config.MqttListeners l = cfg.mqttListeners();
        if (l.tlsPort() >= 0) {
            Keystores.check(l.keystore(), l.keystorePassword());
        }
        Ports.probe(cfg.host(), cfg.httpPort(), "HTTP", "--http-port");
        return Ports.Mqtt.resolve(cfg);
    }

    /** The retention purge, every minute. */
    private static RetentionPurge retention(
            InstantSource clock, Assembly.Profiles profiles, Assembly.Data data, Shutdown shutdown) {
        RetentionPurge purge = new RetentionPurge(data.writer(), profiles.catalog(), clock);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("thingstead-retention").daemon(true).unstarted(r));
        shutdown.opened("the retention purge", timer, timer::shutdownNow);
        timer.scheduleWithFixedDelay(purge::run, 1, 1, TimeUnit.MINUTES);
        return purge;
    }

    /** The MQTT endpoint on its listeners; it hears of device, key and account changes. */
    private static MqttEndpoint mqtt(
            Config cfg,
            InstantSource clock,
            Ports.Mqtt ports,
            Assembly.Accounts a,
            Assembly.Profiles p,
            Assembly.Devices d,
            Assembly.Data data,
            MethodInvoker invoker,
            Shutdown shutdown) {
        Connections connections = new Connections(p.catalog(), data.latest(), data.builtin(), data.writer(), clock);
        MqttEndpoint mqtt = shutdown.opened(
                "the MQTT endpoint",
                new MqttEndpoint(
                        a.keys(),
                        d.registry(),
                        data.ingest(),
                        connections,
                        data.reads(),
                        data.events(),
                        a.rights()::reach,
                        clock,
                        cfg.mqttDelivery(),
                        d.runtime(),
                        invoker));
        d.service().addListener(mqtt);
        a.accounts().addStatusListener(mqtt);
        Config.MqttListeners l = cfg.mqttListeners();
        try {
            mqtt.start(
                    cfg.host(),
                    ports.plain(),
                    new MqttEndpoint.Listeners(ports.tls(), l.keystore(), l.keystorePassword(), ports.ws()),
                    cfg.dataDir().resolve("mqtt"));
        } catch (RuntimeException e) {
            // HiveMQ logs which listener could not bind and fails without saying so
            throw new StartupFailure("Cannot start MQTT on " + ports.describe() + ": " + root(e), e);
        }
        return mqtt;
    }

    private static int http(
            Config cfg,
            InstantSource clock,
            Assembly.Accounts a,
            Assembly.Profiles p,
            Assembly.Devices d,
            Assembly.Alerts alerts,
            io.thingstead.alerts.AlertEvaluation evaluation,
            Assembly.Methods methods,
            MethodInvoker invoker,
            Assembly.Data data,
            Shutdown shutdown) {
        HttpApi http = shutdown.opened(
                "the HTTP API",
                new HttpApi(new Platform(
                        a.accounts(),
                        a.users(),
                        a.clients(),
                        a.keys(),
                        p.profiles(),
                        p.properties(),
                        d.service(),
                        d.access(),
                        data.ingest(),
                        data.reads(),
                        alerts.service(),
                        evaluation,
                        methods.service(),
                        methods.devices(),
                        invoker,
                        clock)));
        return startHttp(http, cfg);
    }

    /**
     * Checks the activity deadlines at the clock's time now (the check also runs every 200 ms of
     * real time) and returns once the transitions it found are stored.
     */
    public void checkActivityNow() {
        activity.checkNow();
    }

    /**
     * Checks the alert timers and held-back incidents at the clock's time now (the check also runs
     * every 200 ms of real time); the handlers it ran have written their device log lines through
     * the writer, which a test awaits.
     */
    public void checkAlertTimersNow() {
        alertTimers.check();
    }

    /** Runs one retention pass now (it also runs every minute); returns the points deleted. */
    public int purgeNow() {
        return purge.run();
    }

    /** One server per data dir and database (README: The two commands); the lock is held until close. */
    static StoreLock lockStore(Config cfg) {
        try {
            return StoreLock.acquire(cfg.store(), cfg.dataDir());
        } catch (RuntimeException e) {
            throw new StartupFailure(e.getMessage(), e);
        }
    }

    static Database openStore(Config cfg) {
        try {
            return Database.open(cfg.store(), cfg.dataDir());
        } catch (RuntimeException e) {
            throw new StartupFailure(e.getMessage(), e);
        }
    }

    private static int startHttp(HttpApi http, Config cfg) {
        try {
            int port = http.start(cfg.host(), cfg.httpPort(), cfg.httpReadTimeout());
            if (port < 0) {
                // Helidon logs a failed bind and returns a stopped server instead of throwing.
                throw new StartupFailure("HTTP port " + cfg.httpPort() + " is already in use (set --http-port)", null);
            }
            return port;
        } catch (StartupFailure e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable root = root(e);
            if (root instanceof java.net.BindException) {
                throw new StartupFailure("HTTP port " + cfg.httpPort() + " is already in use (set --http-port)", e);
            }
            throw new StartupFailure("Cannot listen on HTTP port " + cfg.httpPort() + ": " + root.getMessage(), e);
        }
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    private static void prepareDataDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupFailure("Data directory " + dir.toAbsolutePath() + " is not writable (set --data-dir)", e);
        }
    }

    /** The plain MQTT port, or -1 when it is off. */
    public int mqttPort() {
        return mqtt == null ? Config.OFF : mqttPorts.plain();
    }

    /** The MQTT/TLS port, or -1 when it is off. */
    public int mqttTlsPort() {
        return mqtt == null ? Config.OFF : mqttPorts.tls();
    }

    /** The MQTT/WebSocket port, or -1 when it is off. */
    public int mqttWsPort() {
        return mqtt == null ? Config.OFF : mqttPorts.ws();
    }

    /** Every listener and its bound port, for the startup line. */
    public String listeners() {
        return "HTTP on port " + httpPort + ", MQTT " + onPort(mqttPort()) + ", MQTT/TLS " + onPort(mqttTlsPort())
                + ", MQTT/WS " + (mqttWsPort() < 0 ? "off" : "on port " + mqttWsPort() + " (path /mqtt)");
    }

    private static String onPort(int port) {
        return port < 0 ? "off" : "on port " + port;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Stops taking requests, then stores every write already accepted, then closes the store. */
    @Override
    public void close() {
        shutdown.close();
    }
}
