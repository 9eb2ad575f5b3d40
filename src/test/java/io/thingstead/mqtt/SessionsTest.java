package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.accounts.Account;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.Directory;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyService;
import io.thingstead.core.Admin;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.Ids;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.testing.Entities;
import io.thingstead.testing.InMemoryEntityStore;
import io.thingstead.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live MQTT sessions without a broker: keys in an in-memory directory, sessions opened by hand. */
class SessionsTest {
    static final String ACC = "_acc_1";
    static final String DEV = "_dev_1";
    static final String GW = "_dev_9";
    static final String EDGE = "_dev_2";
    static final String PROVISIONING = Provisioning.CLIENT_PREFIX + "p1";

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final MutableClock clock = MutableClock.now();
    private final DeviceRuntime runtime = DeviceRuntime.singleNode();
    private final List<String> ended = new ArrayList<>();
    private Admin admin;
    private Sessions sessions;

    @BeforeEach
    void start() {
        store.with("account", ACC, ACC, Entities.account(ACC, "Acme", Account.Status.OPEN));
        admin = new Admin(store);
        Directory dir = admin.register(new Directory());
        KeyService keys = new KeyService(dir, admin, new Ids(clock, 0), clock);
        sessions = new Sessions(keys, runtime, ended::add);
        putKey("_key_dev", DEV, ApiKey.Owner.DEVICE, List.of(DEV));
        putKey("_key_dev_b", "_dev_3", ApiKey.Owner.DEVICE, List.of("_dev_3"));
        putKey("_key_gw", GW, ApiKey.Owner.DEVICE, List.of(GW, EDGE));
        putKey("_key_cli", "_apc_1", ApiKey.Owner.APICLIENT, List.of());
    }

    @Test
    void anAuthenticatedConnect_isNoSessionUntilTheBrokerOpensIt() {
        long g = sessions.authenticated(DEV, DEV, "_key_dev", "10.0.0.1", null, true, 0);
        assertThat(sessions.get(DEV)).isNull();

        Sessions.Session s = sessions.open(g);

        assertThat(sessions.get(DEV)).isSameAs(s);
        assertThat(s.ip()).isEqualTo("10.0.0.1");
        assertThat(sessions.open(g)).as("opened once").isNull();
    }

    @Test
    void aDiscardedConnect_isNeverOpened() {
        long g = sessions.authenticated(DEV, DEV, "_key_dev", "10.0.0.1", null, true, 0);

        sessions.discard(g);

        assertThat(sessions.open(g)).isNull();
        assertThat(sessions.all()).isEmpty();
    }

    @Test
    void close_removesTheSession_unlessANewerOneOfTheClientIdTookOver() {
        Sessions.Session old = open(DEV, "_key_dev");
        Sessions.Session newer = open(DEV, "_key_dev");

        assertThat(sessions.close(DEV, old)).isNull();
        assertThat(sessions.get(DEV)).isSameAs(newer);
        assertThat(sessions.close(DEV, newer)).isSameAs(newer);
        assertThat(sessions.get(DEV)).isNull();
        assertThat(sessions.close(DEV, null)).isNull();
    }

    @Test
    void heldByAnotherKey_whenALiveOrStartingSessionUsesAValidOtherKey() {
        open(DEV, "_key_dev");

        assertThat(sessions.heldByAnotherKey(DEV, "_key_dev")).isFalse();
        assertThat(sessions.heldByAnotherKey(DEV, "_key_gw")).isTrue();
        sessions.authenticated("_dev_3", "_dev_3", "_key_dev_b", "10.0.0.1", null, true, 0);
        assertThat(sessions.heldByAnotherKey("_dev_3", "_key_gw"))
                .as("a starting session")
                .isTrue();

        Entities.persist(admin, Change.delete("apikey", "_key_dev"));
        assertThat(sessions.heldByAnotherKey(DEV, "_key_gw"))
                .as("a session whose key is gone is on its way out")
                .isFalse();
    }

    @Test
    void aGatewaySession_speaksForTheDevicesItsKeyLists_afterADevicesOwnSession() {
        Sessions.Session gw = open(GW, "_key_gw");
        assertThat(sessions.reach(gw)).containsExactly(GW, EDGE);
        assertThat(sessions.online(EDGE)).isTrue();
        assertThat(sessions.online(DEV)).isFalse();

        Sessions.Session own = open(EDGE, "_key_dev");
        assertThat(sessions.speakingFor(EDGE)).containsExactly(own, gw);
        assertThat(sessions.usingKey("_key_gw")).containsExactly(gw);
    }

    @Test
    void aGatewaySession_speaksForTheDevicesItsKeyListsNow_asItsContextChanges() {
        Sessions.Session gw = open(GW, "_key_gw");
        assertThat(sessions.speakingFor(EDGE)).containsExactly(gw);

        putKey("_key_gw", GW, ApiKey.Owner.DEVICE, List.of(GW, DEV));
        assertThat(sessions.speakingFor(EDGE)).as("the key lists EDGE no more").isEmpty();
        sessions.keyChanged("_key_gw");

        assertThat(sessions.speakingFor(DEV)).containsExactly(gw);
        assertThat(sessions.online(DEV)).isTrue();
        assertThat(sessions.online(EDGE)).isFalse();
        assertThat(sessions.speakingFor(GW)).as("its own session").containsExactly(gw);
    }

    @Test
    void aClosedOrReplacedGatewaySession_speaksForNoDeviceAnyMore() {
        Sessions.Session old = open(GW, "_key_gw");
        Sessions.Session newer = open(GW, "_key_gw");
        assertThat(sessions.speakingFor(EDGE)).containsExactly(newer);

        sessions.close(GW, old);
        assertThat(sessions.speakingFor(EDGE)).containsExactly(newer);
        sessions.close(GW, newer);

        assertThat(sessions.speakingFor(EDGE)).isEmpty();
        assertThat(sessions.online(EDGE)).isFalse();
        sessions.keyChanged("_key_gw");
        assertThat(sessions.speakingFor(EDGE))
                .as("a closed session is not listed again")
                .isEmpty();
    }

    @Test
    void aProvisioningSession_speaksForNoDevice_butIsASession() {
        Sessions.Session p = open(PROVISIONING, "_key_cli");

        assertThat(p.provisioning()).isTrue();
        assertThat(sessions.get(PROVISIONING)).isSameAs(p);
        assertThat(sessions.reach(p)).isEmpty();
        assertThat(sessions.all()).containsExactly(p);
        assertThat(sessions.close(PROVISIONING, p)).isSameAs(p);
        assertThat(sessions.all()).isEmpty();
    }

    @Test
    void principal_isTheKeysCurrentOne_orNullOnceTheKeyIsGone() {
        Sessions.Session s = open(DEV, "_key_dev");
        assertThat(sessions.principal(s).keyId()).isEqualTo("_key_dev");

        Entities.persist(admin, Change.delete("apikey", "_key_dev"));

        assertThat(sessions.principal(s)).isNull();
    }

    @Test
    void closing_isRemembered_untilTheSessionCloses() {
        Sessions.Session s = open(DEV, "_key_dev");
        sessions.closing(s);
        assertThat(sessions.isClosing(s)).isTrue();

        sessions.close(DEV, s);

        assertThat(sessions.isClosing(s)).isFalse();
    }

    @Test
    void aFreedDevice_endsItsSessionsConnection_whichThenClosesIt() {
        Sessions.Session s = open(DEV, "_key_dev");
        open(PROVISIONING, "_key_cli");

        runtime.forget(DEV);

        assertThat(ended).containsExactly(DEV);
        assertThat(sessions.close(DEV, s)).as("the connection's end removes it").isSameAs(s);
        runtime.forget(DEV);
        assertThat(ended).hasSize(1);
    }

    private Sessions.Session open(String clientId, String keyId) {
        String deviceId = clientId.startsWith(Provisioning.CLIENT_PREFIX) ? null : clientId;
        return sessions.open(sessions.authenticated(clientId, deviceId, keyId, "10.0.0.1", null, true, 0));
    }

    private void putKey(String id, String ownerId, ApiKey.Owner owner, List<String> ids) {
        KeyContext ctx = ids.isEmpty() ? KeyContext.account(ACC) : new KeyContext(KeyContext.Type.DEVICE, ids);
        ApiKey key = new ApiKey(id, "secret", ownerId, ACC, ctx, List.of(), -1, Entities.T, Entities.T, owner);
        Entities.persist(admin, KeyService.change(key));
    }
}
