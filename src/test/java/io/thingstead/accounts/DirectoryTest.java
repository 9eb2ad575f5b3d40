package io.thingstead.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.ErrorCode;
import io.thingstead.testing.Entities;
import io.thingstead.testing.InMemoryEntityStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory as a projection of stored changes: its indexes and what it tells its listeners. */
class DirectoryTest {
    static final String T = Entities.T;
    static final String ACC = "_acc_1";

    final InMemoryEntityStore store = new InMemoryEntityStore();
    Admin admin;
    Directory dir;
    final List<String> heard = new ArrayList<>();

    static Account account(String id, String name, Account.Status status) {
        return Entities.account(id, name, status);
    }

    static User user(String id, String email) {
        return Entities.user(id, ACC, email);
    }

    static ApiKey key(String id, String ownerId, KeyContext ctx) {
        return new ApiKey(id, "secret", ownerId, ACC, ctx, List.of(), -1, T, T, ApiKey.Owner.USER);
    }

    @BeforeEach
    void start() {
        store.with(Directory.ACCOUNT, ACC, ACC, account(ACC, "Acme", Account.Status.OPEN));
        admin = new Admin(store);
        dir = admin.register(new Directory());
        dir.onKeyChanged(k -> heard.add("key " + k.id() + " " + k.context().ids()));
        dir.addStatusListener((before, after) -> heard.add("status " + before.status() + " -> " + after.status()));
    }

    void persist(Change... changes) {
        Entities.persist(admin, changes);
    }

    @Test
    void aStatusChange_isAnnouncedWithBeforeAndAfter_otherAccountChangesAreNot() {
        persist(Change.put(Directory.ACCOUNT, ACC, ACC, account(ACC, "Acme2", Account.Status.OPEN)));
        persist(Change.put(Directory.ACCOUNT, ACC, ACC, account(ACC, "Acme2", Account.Status.SUSPENDED)));

        assertThat(heard).containsExactly("status open -> suspended");
        assertThat(dir.accountByName("acme2").status()).isEqualTo(Account.Status.SUSPENDED);
        assertThat(dir.accountByName("Acme")).isNull();
    }

    @Test
    void aRenamedUser_isFoundByItsNewEmailOnly_andADeletedOneByNeither() {
        persist(Change.put(Directory.USER, "_usr_1", ACC, user("_usr_1", "a@x.org")));
        persist(Change.put(Directory.USER, "_usr_1", ACC, user("_usr_1", "B@x.org")));

        assertThat(dir.userByEmail("b@X.org").id()).isEqualTo("_usr_1");
        assertThat(dir.userByEmail("a@x.org")).isNull();

        persist(Change.delete(Directory.USER, "_usr_1"));
        assertThat(dir.userByEmail("b@x.org")).isNull();
        assertThat(dir.user("_usr_1")).isNull();
    }

    @Test
    void aNewKey_isNotNews_aChangedOrDeletedOneIsAnnouncedWithItsOldSelf() {
        persist(Change.put(Directory.KEY, "_key_1", ACC, key("_key_1", "_usr_1", KeyContext.account(ACC))));
        persist(Change.put(Directory.KEY, "_key_1", ACC, key("_key_1", "_usr_1", KeyContext.account("_acc_2"))));
        persist(
                Change.delete(Directory.KEY, "_key_1"),
                Change.put(Directory.KEY, "_key_2", ACC, key("_key_2", "_usr_1", KeyContext.account(ACC))));

        assertThat(heard).containsExactly("key _key_1 [_acc_1]", "key _key_1 [_acc_2]");
        assertThat(dir.keyOf("_usr_1").id()).isEqualTo("_key_2");
        assertThat(dir.key("_key_1")).isNull();
    }

    @Test
    void aChangeCommittedByAnotherNode_isAnnouncedToo() {
        Stored elsewhere = store.apply(
                        List.of(Change.put(Directory.ACCOUNT, ACC, ACC, account(ACC, "Acme", Account.Status.CLOSED))))
                .get(0);

        admin.applyCommitted(List.of(elsewhere));

        assertThat(heard).containsExactly("status open -> closed");
        assertThat(dir.account(ACC).status()).isEqualTo(Account.Status.CLOSED);
    }

    @Test
    void namesAndEmails_areUniqueInTheStore_caseInsensitively() {
        persist(Change.put(Directory.USER, "_usr_1", ACC, user("_usr_1", "Ops@x.org")));

        assertThatThrownBy(() -> persist(Change.put(Directory.USER, "_usr_2", ACC, user("_usr_2", "ops@X.ORG"))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN);
                    assertThat(e.getMessage()).isEqualTo("A user with email 'ops@X.ORG' already exists");
                });
        assertThatThrownBy(() -> persist(Change.put(
                        Directory.ACCOUNT, "_acc_2", "_acc_2", account("_acc_2", "ACME", Account.Status.OPEN))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN));
        assertThat(dir.user("_usr_2")).isNull();
        assertThat(dir.account("_acc_2")).isNull();
    }

    @Test
    void apiClientNames_areUniqueWithinTheirAccountOnly() {
        ApiClient c1 = Entities.client("_api_1", ACC, "Backend");
        ApiClient c2 = Entities.client("_api_2", ACC, "backend");
        ApiClient c3 = Entities.client("_api_3", "_acc_2", "backend");
        persist(Change.put(Directory.API_CLIENT, c1.id(), ACC, c1), Change.put(Directory.API_CLIENT, c3.id(), ACC, c3));

        assertThatThrownBy(() -> persist(Change.put(Directory.API_CLIENT, c2.id(), ACC, c2)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("An API client named 'backend' already exists"));
        assertThat(dir.clients()).extracting(ApiClient::id).containsExactlyInAnyOrder("_api_1", "_api_3");
    }

    @Test
    void aRestart_seesWhatWasAcknowledged() {
        persist(Change.put(Directory.USER, "_usr_1", ACC, user("_usr_1", "a@x.org")));
        persist(Change.put(Directory.KEY, "_key_1", ACC, key("_key_1", "_usr_1", KeyContext.account(ACC))));
        assertThatThrownBy(() -> persist(Change.put(Directory.USER, "_usr_2", ACC, user("_usr_2", "a@x.org"))))
                .isInstanceOf(ApiException.class);

        Directory restarted = new Admin(store).register(new Directory());

        assertThat(restarted.users()).containsExactlyElementsOf(dir.users());
        assertThat(restarted.keyOf("_usr_1")).isEqualTo(dir.keyOf("_usr_1"));
        assertThat(restarted.accountByName("acme")).isEqualTo(dir.account(ACC));
    }
}
