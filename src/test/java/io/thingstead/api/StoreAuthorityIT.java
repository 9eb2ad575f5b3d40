package io.thingstead.api;

import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.deviceBody;
import static io.thingstead.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.Directory;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Scopes;
import io.thingstead.core.Admin;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.Ids;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.storage.Database;
import io.thingstead.storage.SqlEntityStore;
import io.thingstead.testing.ApiAssert;
import io.thingstead.testing.Entities;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.TestServer;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store decides what is written, and what it acknowledged is what a restart sees: requests
 * racing for one name get one winner, and a name or an entity another writer (another node, here
 * a second handle on the same store) changed behind this server's back is refused by the store
 * with the error the API gives for it anyway.
 */
class StoreAuthorityIT {
    static TestServer server;
    static String profile;
    static String accountId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        profile = Fixtures.profile(server.admin(), "/v3", unique("Thermo"), "ConnectedDevice")
                .get("id")
                .asText();
        accountId = body(server.admin().get("/v3/accounts/_this_")).get("id").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestsRacingForOneName_haveOneWinner_andARestartSeesExactlyTheWinners() throws Exception {
        List<String> names = List.of(unique("race"), unique("race"), unique("race"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = names.get(i % names.size());
                runs.add(pool.submit(() -> {
                    Http.Resp r = server.admin().post("/v3/devices", deviceBody(name, profile));
                    if (r.status() == 200) {
                        acknowledged.add(r.body().get("id").asText());
                    } else {
                        ApiAssert.error(r, 409, "NameAlreadyTaken");
                    }
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(acknowledged).hasSize(names.size());

        server.restart();

        Set<String> stored = new HashSet<>();
        for (String name : names) {
            JsonNode page = body(server.admin().get("/v3/devices?name=" + name));
            page.get("results").forEach(d -> stored.add(d.get("id").asText()));
        }
        assertThat(stored).isEqualTo(acknowledged);
    }

    @Test
    void whatAnotherNodeWrote_isRefusedByTheStore_andARestartShowsIt() {
        Http admin = server.admin();
        JsonNode mine = Fixtures.device(admin, "/v3", deviceBody(unique("mine"), profile));
        String theirName = unique("theirs");
        String theirId;

        try (SqlEntityStore store = new SqlEntityStore(Database.open("embedded", server.dataDir()))) {
            Admin otherNode = new Admin(store);
            otherNode.register(new Directory());
            otherNode.register(new ProfileCatalog());
            DeviceRegistry theirView = otherNode.register(new DeviceRegistry());
            Ids theirIds = new Ids(InstantSource.system(), 1);
            theirId = theirIds.next("dev");
            Device base = theirView.get(mine.get("id").asText());
            Device theirs = Entities.device(base, theirId, theirName, null, Map.of());
            ApiKey theirKey = new ApiKey(
                    theirIds.next("key"),
                    "secret",
                    theirId,
                    accountId,
                    KeyContext.device(theirId),
                    Scopes.DEVICE_KEY,
                    -1,
                    base.dateCreated(),
                    base.dateCreated(),
                    ApiKey.Owner.DEVICE);
            Entities.persist(
                    otherNode,
                    Change.put("device", theirId, accountId, theirs),
                    Change.put("apikey", theirKey.id(), accountId, theirKey),
                    Change.put(
                            "device",
                            base.id(),
                            accountId,
                            Entities.device(base, base.id(), base.name(), "changed elsewhere", base.customIds())));
        }

        ApiAssert.error(admin.post("/v3/devices", deviceBody(theirName, profile)), 409, "NameAlreadyTaken");
        ApiAssert.error(
                admin.put("/v3/devices/" + mine.get("id").asText(), Http.json("{'friendlyName':'changed here'}")),
                409,
                "Conflict");

        server.restart();

        assertThat(body(server.admin().get("/v3/devices/" + theirId))
                        .get("name")
                        .asText())
                .isEqualTo(theirName);
        assertThat(body(server.admin().get("/v3/devices/" + mine.get("id").asText()))
                        .get("friendlyName")
                        .asText())
                .isEqualTo("changed elsewhere");
        ApiAssert.error(server.admin().post("/v3/devices", deviceBody(theirName, profile)), 409, "NameAlreadyTaken");
        assertThat(body(server.admin()
                                .put(
                                        "/v3/devices/" + mine.get("id").asText(),
                                        Http.json("{'friendlyName':'now mine'}")))
                        .get("friendlyName")
                        .asText())
                .isEqualTo("now mine");
    }
}
