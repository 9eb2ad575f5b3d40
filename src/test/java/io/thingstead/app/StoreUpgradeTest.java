package io.thingstead.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.accounts.Account;
import io.thingstead.accounts.ApiClient;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.Directory;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.User;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.ErrorCode;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.profiles.Builtins;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.storage.Database;
import io.thingstead.storage.SqlEntityStore;
import io.thingstead.testing.Entities;
import io.thingstead.testing.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by a server from before versions and unique keys (migrations V1-V3) opens with
 * every entity at version 1, gets the unique keys of its entities at the first start, and from then
 * on the store refuses what the keys forbid. Legacy data that already breaks a rule still loads.
 */
class StoreUpgradeTest {
    static final String T = Entities.T;
    static final String ACC = "_acc_7532400960165904384";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void embeddedStore_fromV3_getsVersionsAndUniqueKeys() throws Exception {
        upgrade("jdbc:sqlite:" + Database.embeddedFile(dir).toAbsolutePath(), "embedded", "sqlite", "3");
    }

    @Test
    void postgres_fromV2_getsVersionsAndUniqueKeys() throws Exception {
        String url = Postgres.freshSchemaUrl();
        upgrade(url, url, "postgresql", "2");
    }

    /** Migrates an empty database up to {@code lastVersion}, seeds it as such a server did, and opens it now. */
    private void upgrade(String jdbcUrl, String store, String dialect, String lastVersion) throws Exception {
        Flyway.configure()
                .dataSource(jdbcUrl, null, null)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect)
                .target(lastVersion)
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            seed(c);
        }

        try (EntityStore entities = new SqlEntityStore(Database.open(store, dir))) {
            assertThat(entities.load("device", Device.class))
                    .extracting(Stored::version)
                    .containsOnly(1L);
            Admin admin = new Admin(entities);
            Directory directory = admin.register(new Directory());
            admin.register(new ProfileCatalog());
            DeviceRegistry devices = admin.register(new DeviceRegistry());

            assertThat(entities.keyCount("account")).isEqualTo(1);
            assertThat(entities.keyCount("user")).isEqualTo(1);
            assertThat(entities.keyCount("apikey")).isEqualTo(1);
            assertThat(entities.keyCount("apiclient")).isEqualTo(1);
            assertThat(entities.keyCount("deviceprofile")).isEqualTo(1);
            assertThat(entities.keyCount("property")).isEqualTo(1);
            // two legacy devices share a name: the first (by id) holds it, both still load
            assertThat(entities.keyCount("device")).isEqualTo(3);
            assertThat(devices.all()).hasSize(3);
            assertThat(directory.accountByName("acme").id()).isEqualTo(ACC);

            assertRefused(
                    admin,
                    Change.put("device", "_dev_9", ACC, device("_dev_9", "KITCHEN", Map.of())),
                    ErrorCode.NAME_TAKEN);
            assertRefused(
                    admin,
                    Change.put("device", "_dev_9", ACC, device("_dev_9", "new", Map.of("sn", "S1"))),
                    ErrorCode.CONFLICT);
            assertRefused(
                    admin, Change.put("user", "_usr_9", ACC, user("_usr_9", "OPS@acme.org")), ErrorCode.NAME_TAKEN);
            assertRefused(
                    admin, Change.put("apiclient", "_api_9", ACC, client("_api_9", "BACKEND")), ErrorCode.NAME_TAKEN);
            // the one that does not hold the shared name changes only under another name
            assertRefused(
                    admin,
                    Change.put("device", "_dev_2", ACC, device("_dev_2", "Kitchen", Map.of("sn", "S2"))),
                    ErrorCode.NAME_TAKEN);
            Entities.persist(admin, Change.put("device", "_dev_2", ACC, device("_dev_2", "pantry", Map.of())));
            assertThat(entities.load("device", Device.class))
                    .extracting(Stored::id, Stored::version)
                    .contains(org.assertj.core.groups.Tuple.tuple("_dev_2", 2L));
        }

        try (EntityStore reopened = new SqlEntityStore(Database.open(store, dir))) {
            Admin admin = new Admin(reopened);
            admin.register(new Directory());
            admin.register(new ProfileCatalog());
            admin.register(new DeviceRegistry());
            assertThat(reopened.keyCount("device")).isEqualTo(4);
            assertRefused(
                    admin, Change.put("account", "_acc_9", "_acc_9", account("_acc_9", "ACME")), ErrorCode.NAME_TAKEN);
        }
    }

    private static void assertRefused(Admin admin, Change change, ErrorCode code) {
        assertThatThrownBy(() -> Entities.persist(admin, change))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    /** Rows as a V3 server wrote them: no version, no keys. */
    private static void seed(Connection c) throws Exception {
        String dev = "_dev_1";
        Object[][] rows = {
            {ACC, "account", ACC, account(ACC, "Acme")},
            {"_usr_1", "user", ACC, user("_usr_1", "ops@acme.org")},
            {
                "_key_1",
                "apikey",
                ACC,
                new ApiKey(
                        "_key_1", "s", "_usr_1", ACC, KeyContext.account(ACC), List.of(), -1, T, T, ApiKey.Owner.USER)
            },
            {"_api_1", "apiclient", ACC, client("_api_1", "backend")},
            {"_dpf_1", "deviceprofile", ACC, Entities.profile("_dpf_1", ACC, "Thermo", Builtins.DEVICE)},
            {"_prp_1", "property", ACC, Entities.property("_prp_1", ACC, "_dpf_1", "temp")},
            {dev, "device", ACC, device(dev, "kitchen", Map.of("sn", "S1"))},
            {"_dev_2", "device", ACC, device("_dev_2", "Kitchen", Map.of())},
            {"_dev_3", "device", ACC, device("_dev_3", "hall", Map.of())},
        };
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO entity (id, kind, account_id, doc) VALUES (?, ?, ?, ?)")) {
            for (Object[] r : rows) {
                ps.setString(1, (String) r[0]);
                ps.setString(2, (String) r[1]);
                ps.setString(3, (String) r[2]);
                ps.setString(4, JSON.writeValueAsString(r[3]));
                ps.executeUpdate();
            }
        }
    }

    static Account account(String id, String name) {
        return Entities.account(id, name, Account.Status.OPEN);
    }

    static User user(String id, String email) {
        return Entities.user(id, ACC, email);
    }

    static ApiClient client(String id, String name) {
        return Entities.client(id, ACC, name);
    }

    static Device device(String id, String name, Map<String, String> customIds) {
        return Entities.device(id, ACC, name, customIds);
    }
}
