package io.thingstead.app;

import io.thingstead.accounts.AccountService;
import io.thingstead.accounts.ApiClientService;
import io.thingstead.accounts.Directory;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Rights;
import io.thingstead.accounts.UserService;
import io.thingstead.activity.ActivityTracker;
import io.thingstead.alerts.AlertCatalog;
import io.thingstead.alerts.AlertEvaluation;
import io.thingstead.alerts.AlertService;
import io.thingstead.alerts.AlertTimers;
import io.thingstead.alerts.Gateways;
import io.thingstead.alerts.Handlers;
import io.thingstead.alerts.OpenIncidents;
import io.thingstead.alerts.delivery.Deliveries;
import io.thingstead.core.Admin;
import io.thingstead.core.EntityStore;
import io.thingstead.core.Ids;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceAccess;
import io.thingstead.devices.DeviceListener;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.devices.DeviceService;
import io.thingstead.events.EventStream;
import io.thingstead.ingest.Activity;
import io.thingstead.ingest.Builtin;
import io.thingstead.ingest.DataCleanup;
import io.thingstead.ingest.Ingest;
import io.thingstead.ingest.Writer;
import io.thingstead.methods.BoundInputs;
import io.thingstead.methods.DeviceLog;
import io.thingstead.methods.DeviceMethods;
import io.thingstead.methods.MethodBuiltins;
import io.thingstead.methods.MethodCatalog;
import io.thingstead.methods.MethodInstances;
import io.thingstead.methods.MethodInvoker;
import io.thingstead.methods.MethodService;
import io.thingstead.methods.ScriptCheck;
import io.thingstead.methods.ScriptThreads;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.ProfileService;
import io.thingstead.profiles.PropertyService;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.scripting.Limits;
import io.thingstead.scripting.ScriptRunner;
import io.thingstead.scripting.ScriptSyntax;
import io.thingstead.storage.SqlEntityStore;
import io.thingstead.storage.SqlIncidentStore;
import io.thingstead.storage.SqlQuarantineStore;
import io.thingstead.storage.SqlTimeSeries;
import io.thingstead.timeseries.DataService;
import io.thingstead.timeseries.LatestValues;
import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.TimeSeries;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The features of a platform, each assembled by its own factory from the features it needs.
 * Whatever a factory starts (a thread, a connection pool) is registered with the start's {@link
 * Shutdown} the moment it exists, so a start that fails half way closes exactly what it opened.
 */
final class Assembly {
    private Assembly() {}

    /** The entity store and what every feature shares of it: admin mutations and ids. */
    record Store(EntityStore entities, Admin admin, Ids ids, io.thingstead.storage.Database db) {
        static Store open(Config cfg, InstantSource clock, Shutdown shutdown) {
            var db = Thingstead.openStore(cfg);
            EntityStore entities = shutdown.opened("the entity store", new SqlEntityStore(db));
            Ids ids = new Ids(clock, cfg.nodeId());
            ids.advancePast(entities.maxIdNumber());
            return new Store(entities, new Admin(entities), ids, db);
        }
    }

    /** Accounts, users, API clients, keys and the rights they grant. */
    record Accounts(
            Directory dir,
            KeyService keys,
            Rights rights,
            UserService users,
            AccountService accounts,
            ApiClientService clients) {
        static Accounts of(Store s, InstantSource clock) {
            Directory dir = s.admin().register(new Directory());
            KeyService keys = new KeyService(dir, s.admin(), s.ids(), clock);
            Rights rights = new Rights(dir);
            UserService users = new UserService(dir, s.admin(), s.ids(), clock, keys, rights);
            AccountService accounts = new AccountService(dir, s.admin(), s.ids(), clock, users, rights);
            ApiClientService clients = new ApiClientService(dir, s.admin(), s.ids(), clock, keys, rights);
            return new Accounts(dir, keys, rights, users, accounts, clients);
        }
    }

    /** Device profiles and their properties. */
    record Profiles(ProfileCatalog catalog, ProfileService profiles, PropertyService properties) {
        static Profiles of(Store s, Accounts a, InstantSource clock) {
            ProfileCatalog catalog = s.admin().register(new ProfileCatalog());
            ProfileService profiles = new ProfileService(catalog, s.admin(), s.ids(), clock);
            a.accounts().addPurger(profiles);
            return new Profiles(catalog, profiles, new PropertyService(catalog, s.admin(), s.ids(), clock));
        }
    }

    /**
     * Devices, which device a key's context reaches, and the runtime state each device has in
     * memory (its owner: this node, for every device).
     */
    record Devices(DeviceRegistry registry, DeviceService service, DeviceAccess access, DeviceRuntime runtime) {
        static Devices of(Store s, Accounts a, Profiles p, InstantSource clock) {
            DeviceRegistry registry = s.admin().register(new DeviceRegistry());
            DeviceService devices =
                    new DeviceService(registry, p.catalog(), a.keys(), a.rights(), s.admin(), s.ids(), clock);
            p.profiles().addUsage(devices::anyDeviceOf);
            a.accounts().addPurger(devices);
            a.rights().addContextIds((accountId, type, id) -> {
                if (type != KeyContext.Type.DEVICE) {
                    return false;
                }
                Device d = registry.get(id);
                return d != null && d.accountId().equals(accountId);
            });
            return new Devices(registry, devices, new DeviceAccess(registry), DeviceRuntime.singleNode());
        }

        /**
         * Frees a deleted device's runtime state in every slot at once; registered after every
         * feature's listener, so each has heard of the deletion before its state goes.
         */
        void freeDeleted() {
            service.addListener(new DeviceListener() {
                @Override
                public void deleted(Device device) {
                    runtime.forget(device.id());
                }
            });
        }

        /** The devices a device's key acts for besides itself (a gateway's edge devices). */
        static List<String> actsFor(Accounts a, String deviceId) {
            var key = a.dir().keyOf(deviceId);
            return key == null ? List.of() : key.context().ids();
        }
    }

    /**
     * The time series with its latest values, the writer that stores every point and tells the
     * stored events, and the one write pipeline of REST and MQTT; a deleted device or property
     * takes its data with it, through the writer's queue.
     */
    record Data(
            TimeSeries series,
            LatestValues latest,
            EventStream events,
            Writer writer,
            Builtin builtin,
            Activity activity,
            Ingest ingest,
            DataService reads) {
        static Data open(
                Config cfg,
                InstantSource clock,
                Store s,
                Profiles p,
                Devices d,
                UnaryOperator<TimeSeries> wrap,
                Shutdown shutdown) {
            SqlTimeSeries stored = new SqlTimeSeries(s.db());
            shutdown.opened("the time series", stored, stored::close);
            TimeSeries series = wrap.apply(stored);
            s.ids().advancePast(series.maxLogId());
            LatestValues latest = new LatestValues();
            series.loadLatest().forEach(latest::offer);
            // Opened before the writer, so closed after it: the last commits are still told.
            EventStream events = shutdown.opened("the event stream", new EventStream());
            int lanes = cfg.writeLanes() > 0 ? cfg.writeLanes() : s.db().defaultWriteLanes();
            Writer writer = shutdown.opened("the writer", new Writer(series, latest, events, clock, lanes));
            ActivityTracker tracker = new ActivityTracker(d.runtime());
            Builtin builtin = new Builtin(p.catalog(), latest, tracker, s.ids());
            Activity activity = shutdown.opened(
                    "the activity check", new Activity(tracker, latest, builtin, writer, events, clock));
            d.service().addListener(activity);
            DataCleanup cleanup = new DataCleanup(writer);
            d.service().addListener(cleanup);
            p.properties().onDeleted(cleanup::propertyDeleted);
            Ingest ingest =
                    new Ingest(d.access(), p.catalog(), builtin, writer, clock, cfg.maxFutureSkew(), d.runtime());
            DataService reads = new DataService(p.catalog(), latest, series, clock);
            return new Data(series, latest, events, writer, builtin, activity, ingest, reads);
        }
    }

    /** Starts checking the {@code active} deadlines, rebuilt from the stored values. */
    static void startActivity(Accounts a, Devices d, Data data) {
        data.activity().start(d.registry().all(), id -> Devices.actsFor(a, id));
    }

    /**
     * Alert definitions on profiles and devices: deleting an owner takes its alerts along in the
     * same commit, and a purged account takes its alerts.
     */
    record Alerts(AlertService service, AlertCatalog catalog) {
        static Alerts of(Store s, Accounts a, Profiles p, Devices d, InstantSource clock) {
            AlertCatalog catalog = s.admin().register(new AlertCatalog());
            AlertService alerts = new AlertService(catalog, p.catalog(), d.registry(), s.admin(), s.ids(), clock);
            s.admin().addDependents(alerts);
            a.accounts().addPurger(alerts);
            return new Alerts(alerts, catalog);
        }
    }

    /**
     * Method definitions on profiles and each device's instances of them: deleting a profile takes
     * its methods along in the same commit, a purged account takes its methods, and a deleted
     * method or device takes its stored quarantines (also those deleted while the server was down).
     */
    record Methods(MethodService service, MethodCatalog catalog, MethodInstances instances, DeviceMethods devices) {
        static Methods of(
                Store s,
                Accounts a,
                Profiles p,
                Devices d,
                InstantSource clock,
                ScriptCheck scripts,
                int maxScriptBytes) {
            MethodCatalog catalog = s.admin().register(new MethodCatalog(p.catalog()));
            MethodService service = new MethodService(
                    catalog, p.catalog(), d.registry(), s.admin(), s.ids(), clock, scripts, maxScriptBytes);
            s.admin().addDependents(service);
            a.accounts().addPurger(service);
            MethodInstances instances = new MethodInstances(new SqlQuarantineStore(s.db()), d.runtime(), clock);
            catalog.onRemoved(instances::forgetMethod);
            d.service().addListener(instances);
            instances.dropStale(id -> d.registry().get(id) != null, id -> catalog.get(id) != null);
            return new Methods(service, catalog, instances, new DeviceMethods(catalog, instances, d.registry()));
        }
    }

    /**
     * Method calls: the script runtime, the threads calls run on, the built-ins (the write pipeline,
     * the reads, the device log through the store writer, a gateway key's context as it is at each
     * call) and each account's time limit, by its plan.
     */
    static MethodInvoker invoker(
            Config cfg,
            Accounts a,
            Profiles p,
            Devices d,
            Methods m,
            Data data,
            InstantSource clock,
            Shutdown shutdown) {
        ScriptRunner runner = shutdown.opened("the script runtime", new ScriptRunner());
        ScriptThreads threads = shutdown.opened(
                "the method threads",
                new ScriptThreads(
                        ScriptThreads.DEFAULT_PER_ACCOUNT, ScriptThreads.DEFAULT_TOTAL, cfg.methodSlotWait()));
        DeviceLog log = deviceLog(data, clock);
        MethodBuiltins builtins = new MethodBuiltins(
                data.ingest(),
                data.reads(),
                d.registry(),
                d.service(),
                p.catalog(),
                deviceId -> Devices.actsFor(a, deviceId),
                log,
                clock);
        Limits base = new Limits(
                Limits.DEFAULT_TIME,
                Limits.DEFAULT_STATEMENTS,
                cfg.methodScriptMax(),
                Limits.DEFAULT_RESULT_BYTES,
                Limits.DEFAULT_CALL_DEPTH,
                cfg.methodMemoryMib() * 1024L * 1024);
        Function<String, Limits> limits = accountId -> {
            var account = a.dir().account(accountId);
            return base.withTime(cfg.methodTimeout(
                    account == null || account.plan() == null
                            ? null
                            : account.plan().type()));
        };
        return new MethodInvoker(m.catalog(), m.instances(), d.access(), runner, builtins, threads, limits, clock);
    }

    /** A line of a device's log, queued through the store writer. */
    private static DeviceLog deviceLog(Data data, InstantSource clock) {
        return (deviceId, level, type, message) -> data.writer()
                .submit(List.of(), List.of(data.builtin().log(deviceId, clock.millis(), level, type, message)));
    }

    /**
     * Methods bound to an input property run when it is stored: a subscriber of the stored events
     * that hears only points of bound properties, and starts runs on the method threads.
     */
    static void boundInputs(
            Devices d, Methods m, Data data, MethodInvoker invoker, InstantSource clock, Shutdown shutdown) {
        BoundInputs inputs = new BoundInputs(
                m.catalog(), m.instances(), d.registry(), invoker, deviceLog(data, clock), d.runtime(), clock);
        shutdown.opened(
                "the bound method inputs",
                data.events().subscribe("method-inputs", EventStream.DEFAULT_LANE, inputs::wanted, inputs));
    }

    /**
     * The syntax check of method bodies, by the script engine; a body the parser fails on in any
     * other way than a syntax error (a parser limit) is refused too, never a server error.
     */
    static ScriptCheck syntax() {
        return body -> {
            try {
                return ScriptSyntax.check(body).map(p -> new ScriptCheck.Problem(p.line(), p.column(), p.message()));
            } catch (RuntimeException e) {
                return Optional.of(new ScriptCheck.Problem(
                        1, 1, "cannot be parsed (" + e.getClass().getSimpleName() + ")"));
            }
        };
    }

    /**
     * Delivery of webhook, e-mail, SMS and method notifications on workers of their own (a method
     * notification calls the device's public method through the invoker); opened after the writer
     * and the method threads, so it stops first, its last device log lines still stored. No SMS
     * provider is built in.
     */
    static Deliveries deliveries(
            Config cfg,
            Store s,
            Consumer<List<LogEntry>> deviceLog,
            MethodInvoker invoker,
            InstantSource clock,
            Shutdown shutdown) {
        return shutdown.opened(
                "the alert notifications",
                new Deliveries(cfg.alertDelivery(), deviceLog, s.ids(), clock, null, new AlertMethodCalls(invoker)));
    }

    /**
     * Alert evaluation, a subscriber of the stored events (so it never delays the writer), with the
     * kept incidents and the gateways devices speak through loaded from the store as runtime state
     * of their devices; its device log lines go through the store writer. Its timers are checked
     * every {@value AlertTimers#CHECK_MS} ms on the clock.
     */
    record Evaluation(AlertEvaluation evaluation, AlertTimers timers) {}

    static Evaluation evaluation(
            Config cfg,
            Store s,
            Devices d,
            Alerts al,
            Profiles p,
            Data data,
            MethodInvoker invoker,
            InstantSource clock,
            Shutdown shutdown) {
        SqlIncidentStore store = new SqlIncidentStore(s.db());
        OpenIncidents incidents = new OpenIncidents(store, d.runtime());
        // A deleted alert's incidents go with it, and so do those of alerts deleted while it was down.
        al.catalog().onRemoved(incidents::forget);
        incidents.all().stream()
                .filter(i -> al.catalog().get(i.alertId()) == null)
                .forEach(i -> incidents.forget(i.alertId()));
        Consumer<List<LogEntry>> deviceLog = logs -> data.writer().submit(List.of(), logs);
        Handlers handlers =
                new Handlers(deviceLog, s.ids(), clock, deliveries(cfg, s, deviceLog, invoker, clock, shutdown));
        AlertEvaluation evaluation = new AlertEvaluation(
                new AlertEvaluation.Reads(al.service(), d.registry(), p.catalog(), data.series(), data.latest()),
                incidents,
                new Gateways(store, d.runtime()),
                handlers,
                clock);
        shutdown.opened("the alert evaluation", data.events().subscribe("alerts", evaluation));
        AlertTimers timers = new AlertTimers(evaluation, d.runtime(), clock);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("thingstead-alert-timers").daemon(true).unstarted(r));
        shutdown.opened("the alert timers", timer, timer::shutdownNow);
        timer.scheduleWithFixedDelay(timers::check, AlertTimers.CHECK_MS, AlertTimers.CHECK_MS, TimeUnit.MILLISECONDS);
        return new Evaluation(evaluation, timers);
    }
}
