package io.thingstead.app;

import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.Directory;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Rights;
import io.thingstead.accounts.User;
import io.thingstead.accounts.UserService;
import io.thingstead.core.Admin;
import io.thingstead.core.EntityStore;
import io.thingstead.core.Ids;
import io.thingstead.storage.Database;
import io.thingstead.storage.SqlEntityStore;
import io.thingstead.storage.StoreLock;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code thingstead admin-key --reset [--data-dir DIR] [--store URL]}: on a stopped server, the
 * bootstrap admin (or, if it was disabled, the oldest enabled admin: {@link UserService#bootstrapAdmin})
 * gets a new random key (the old one stops working), printed once and written to
 * {@code admin-key.json} in the data dir. It takes the store's lock, so it refuses while a server
 * runs on the store.
 */
final class AdminKey {
    private AdminKey() {}

    /** Runs the command; returns the exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(Usage.adminKey());
            return 0;
        }
        if (!rest.remove("--reset")) {
            err.println("thingstead: admin-key needs --reset (see ./thingstead admin-key --help)");
            return 2;
        }
        Config cfg;
        try {
            cfg = Config.parse(rest.toArray(String[]::new), env, Config.STORE_FLAGS);
        } catch (Config.Invalid e) {
            err.println("thingstead: " + e.getMessage());
            return 2;
        }
        try {
            reset(cfg, out);
            return 0;
        } catch (Thingstead.StartupFailure e) {
            err.println("thingstead: " + e.getMessage());
            return 1;
        }
    }

    static void reset(Config cfg, PrintStream out) {
        Path dataDir = cfg.dataDir().toAbsolutePath();
        if (!Files.isDirectory(dataDir)) {
            throw new Thingstead.StartupFailure("There is no data directory " + dataDir + " (set --data-dir)", null);
        }
        if (cfg.store().equals("embedded") && !Files.exists(Database.embeddedFile(dataDir))) {
            throw new Thingstead.StartupFailure(
                    "There is no store in " + dataDir + " yet: 'thingstead serve' makes it", null);
        }
        try (StoreLock lock = Thingstead.lockStore(cfg);
                EntityStore store = new SqlEntityStore(Thingstead.openStore(cfg))) {
            InstantSource clock = InstantSource.system();
            Admin admin = new Admin(store);
            Ids ids = new Ids(clock);
            ids.advancePast(store.maxIdNumber());
            Directory dir = admin.register(new Directory());
            KeyService keys = new KeyService(dir, admin, ids, clock);
            User user = new UserService(dir, admin, ids, clock, keys, new Rights(dir)).bootstrapAdmin();
            if (user == null) {
                throw new Thingstead.StartupFailure("The store has no admin user of a master account to reset", null);
            }
            ApiKey key = keys.regenerate(user.id());
            Path file = Bootstrap.writeAdminKey(cfg.dataDir(), key, user);
            out.println("New API key of " + user.email() + " (the old one no longer works; also in " + file + "):");
            out.println("  " + key.id() + ":" + key.secret());
        }
    }
}
