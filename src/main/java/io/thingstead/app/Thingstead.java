package io.thingstead.app;

import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.ApiClientService;
import io.thingstead.accounts.Directory;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Rights;
import io.thingstead.accounts.UserService;
import io.thingstead.activity.ActivityTracker;
import io.thingstead.api.HttpApi;
import io.thingstead.api.Platform;
import io.thingstead.core.Admin;
import io.thingstead.core.EntityStore;
import io.thingstead.core.Ids;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.devices.DeviceService;
import io.thingstead.events.EventStream;
import io.thingstead.ingest.Activity;
import io.thingstead.ingest.Builtin;
import io.thingstead.ingest.Connections;
import io.thingstead.ingest.DataCleanup;
import io.thingstead.ingest.Ingest;
import io.thingstead.ingest.RetentionPurge;
import io.thingstead.ingest.Writer;
import io.thingstead.mqtt.MqttEndpoint;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.ProfileService;
import io.thingstead.profiles.PropertyService;
import io.thingstead.storage.Database;
import io.thingstead.storage.SqlEntityStore;
import io.thingstead.storage.SqlTimeSeries;
import io.thingstead.storage.StoreLock;
import io.thingstead.timeseries.DataService;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.TimeSeries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** One running platform: store, feature services and the HTTP API, wired by hand. */
public final class Thingstead implements AutoCloseable {
    private final EntityStore store;
    private final HttpApi http;
    private final int httpPort;
    private final MqttEndpoint mqtt;
    private final Ports.Mqtt mqttPorts;
    private final StoreLock lock;
    private final Writer writer;
    private final EventStream events;
    private final TimeSeries series;
    private final Activity activity;
    private final RetentionPurge purge;
    private final ScheduledExecutorService timers;

    private Thingstead(
            EntityStore store,
            HttpApi http,
            int httpPort,
            MqttEndpoint mqtt,
            Ports.Mqtt mqttPorts,
            StoreLock lock,
            Writer writer,
            EventStream events,
            TimeSeries series,
            Activity activity,
            RetentionPurge purge,
            ScheduledExecutorService timers) {
        this.store = store;
        this.http = http;
        this.httpPort = httpPort;
        this.mqtt = mqtt;
        this.mqttPorts = mqttPorts;
        this.lock = lock;
        this.writer = writer;
        this.events = events;
        this.series = series;
        this.activity = activity;
        this.purge = purge;
        this.timers = timers;
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
        StoreLock lock = lockStore(cfg);
        Database db;
        Ports.Mqtt mqttPorts;
        try {
            Config.MqttListeners l = cfg.mqttListeners();
            if (l.tlsPort() >= 0) {
                Keystores.check(l.keystore(), l.keystorePassword());
            }
            Ports.probe(cfg.host(), cfg.httpPort(), "HTTP", "--http-port");
            mqttPorts = Ports.Mqtt.resolve(cfg);
            db = openStore(cfg);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        EntityStore store = new SqlEntityStore(db);
        HttpApi http = null;
        Writer writer = null;
        EventStream events = null;
        Activity activity = null;
        MqttEndpoint mqtt = null;
        TimeSeries openedSeries = null;
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("thingstead-retention").daemon(true).unstarted(r));
        try {
            Admin admin = new Admin(store);
            Ids ids = new Ids(clock, cfg.nodeId());
            ids.advancePast(store.maxIdNumber());
            Directory dir = admin.register(new Directory());
            KeyService keys = new KeyService(dir, admin, ids, clock);
            Rights rights = new Rights(dir);
            UserService users = new UserService(dir, admin, ids, clock, keys, rights);
            AccountService accounts = new AccountService(dir, admin, ids, clock, users, rights);
            ApiClientService clients = new ApiClientService(dir, admin, ids, clock, keys, rights);
            ProfileCatalog catalog = admin.register(new ProfileCatalog());
            ProfileService profiles = new ProfileService(catalog, admin, ids, clock);
            PropertyService properties = new PropertyService(catalog, admin, ids, clock);
            DeviceRegistry registry = admin.register(new DeviceRegistry());
            DeviceService devices = new DeviceService(registry, catalog, keys, rights, admin, ids, clock);
            profiles.addUsage(devices::anyDeviceOf);
            accounts.addPurger(profiles);
            accounts.addPurger(devices);
            rights.addContextIds((accountId, type, id) -> {
                if (type != KeyContext.Type.DEVICE) {
                    return false;
                }
                Device d = registry.get(id);
                return d != null && d.accountId().equals(accountId);
            });

            TimeSeries series = wrap.apply(new SqlTimeSeries(db));
            openedSeries = series;
            ids.advancePast(series.maxLogId());
            LatestValues latest = new LatestValues();
            series.loadLatest().forEach(latest::offer);
            events = new EventStream();
            writer = new Writer(series, latest, events, clock);
            ActivityTracker tracker = new ActivityTracker();
            Builtin builtin = new Builtin(catalog, latest, tracker, ids);
            activity = new Activity(tracker, latest, builtin, writer, events, clock);
            devices.addListener(activity);
            DataCleanup cleanup = new DataCleanup(writer);
            devices.addListener(cleanup);
            properties.onDeleted(cleanup::propertyDeleted);
            DeviceAccess access = new DeviceAccess(registry);
            Ingest ingest = new Ingest(access, catalog, builtin, writer, clock, cfg.maxFutureSkew());
            DataService data = new DataService(catalog, latest, series, clock);
            RetentionPurge purge = new RetentionPurge(writer, catalog, series, clock);

            Bootstrap.run(cfg, dir, accounts, keys, ids, out);
            activity.start(registry.all(), id -> {
                var key = dir.keyOf(id);
                return key == null ? List.of() : key.context().ids();
            });
            timers.scheduleWithFixedDelay(purge::run, 1, 1, TimeUnit.MINUTES);
            if (mqttPorts.any()) {
                Connections connections = new Connections(catalog, latest, builtin, writer, clock);
                mqtt = new MqttEndpoint(
                        keys, registry, ingest, connections, data, events, rights::reach, clock, cfg.mqttDelivery());
                devices.addListener(mqtt);
                accounts.addStatusListener(mqtt);
                Config.MqttListeners l = cfg.mqttListeners();
                mqtt.start(
                        cfg.host(),
                        mqttPorts.plain(),
                        new MqttEndpoint.Listeners(mqttPorts.tls(), l.keystore(), l.keystorePassword(), mqttPorts.ws()),
                        cfg.dataDir().resolve("mqtt"));
            }
            http = new HttpApi(new Platform(
                    accounts, users, clients, keys, profiles, properties, devices, access, ingest, data, clock));
            int port = startHttp(http, cfg);
            return new Thingstead(
                    store, http, port, mqtt, mqttPorts, lock, writer, events, series, activity, purge, timers);
        } catch (RuntimeException e) {
            timers.shutdownNow();
            if (http != null) {
                http.close();
            }
            if (mqtt != null) {
                mqtt.close();
            }
            if (activity != null) {
                activity.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (events != null) {
                events.close();
            }
            if (openedSeries != null) {
                openedSeries.close();
            }
            store.close();
            lock.close();
            throw e instanceof StartupFailure ? e : new StartupFailure("Cannot start: " + e.getMessage(), e);
        }
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
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (root instanceof java.net.BindException) {
                throw new StartupFailure("HTTP port " + cfg.httpPort() + " is already in use (set --http-port)", e);
            }
            throw new StartupFailure("Cannot listen on HTTP port " + cfg.httpPort() + ": " + root.getMessage(), e);
        }
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
        try {
            http.close();
            if (mqtt != null) {
                mqtt.close();
            }
            activity.close();
            timers.shutdownNow();
            writer.close();
            events.close();
            series.close();
        } finally {
            store.close();
            lock.close();
        }
    }
}
