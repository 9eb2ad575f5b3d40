package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.EntityStore;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.EntityStore.Conflict;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import io.thingstead.core.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link EntityStore} implementation must have; one subclass per database. */
abstract class EntityStoreContract {
    record Doc(String id, String name, List<String> tags, Map<String, Object> extra) {}

    protected EntityStore store;

    protected abstract EntityStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void put_thenLoadAll_returnsTheDocumentsOfThatKind() {
        store.apply(List.of(
                Change.put("thing", "_thg_2", "_acc_1", new Doc("_thg_2", "b", List.of("x"), Map.of("n", 1))),
                Change.put("thing", "_thg_1", "_acc_1", new Doc("_thg_1", "a", List.of(), Map.of())),
                Change.put("other", "_oth_1", null, new Doc("_oth_1", "c", List.of(), Map.of()))));

        assertThat(store.loadAll("thing", Doc.class))
                .containsExactly(
                        new Doc("_thg_1", "a", List.of(), Map.of()),
                        new Doc("_thg_2", "b", List.of("x"), Map.of("n", 1)));
    }

    @Test
    void putSameId_replacesTheDocument() {
        store.apply(List.of(Change.put("thing", "_thg_1", "_acc_1", new Doc("_thg_1", "a", List.of(), Map.of()))));
        store.apply(
                List.of(Change.put("thing", "_thg_1", "_acc_1", new Doc("_thg_1", "renamed", List.of(), Map.of()))));

        assertThat(store.loadAll("thing", Doc.class)).extracting(Doc::name).containsExactly("renamed");
    }

    @Test
    void delete_removesTheDocument_andDeletingNothingIsFine() {
        store.apply(List.of(Change.put("thing", "_thg_1", "_acc_1", new Doc("_thg_1", "a", List.of(), Map.of()))));
        store.apply(List.of(Change.delete("thing", "_thg_1"), Change.delete("thing", "_thg_missing")));

        assertThat(store.loadAll("thing", Doc.class)).isEmpty();
    }

    @Test
    void batchWithDeleteAndPut_appliesBoth() {
        store.apply(List.of(Change.put("key", "_key_1", "_acc_1", new Doc("_key_1", "old", List.of(), Map.of()))));
        store.apply(List.of(
                Change.delete("key", "_key_1"),
                Change.put("key", "_key_2", "_acc_1", new Doc("_key_2", "new", List.of(), Map.of()))));

        assertThat(store.loadAll("key", Doc.class)).extracting(Doc::id).containsExactly("_key_2");
    }

    @Test
    void failingBatch_leavesNoTrace() {
        store.apply(List.of(Change.put("thing", "_thg_1", "_acc_1", new Doc("_thg_1", "a", List.of(), Map.of()))));

        assertThatThrownBy(() -> store.apply(List.of(
                        Change.put("thing", "_thg_2", "_acc_1", new Doc("_thg_2", "b", List.of(), Map.of())),
                        Change.delete("thing", "_thg_1"),
                        // kind is NOT NULL: this change fails inside the transaction, after the others ran
                        Change.put(null, "_thg_3", "_acc_1", new Doc("_thg_3", "c", List.of(), Map.of())))))
                .isInstanceOf(RuntimeException.class);

        assertThat(store.loadAll("thing", Doc.class)).extracting(Doc::id).containsExactly("_thg_1");
    }

    @Test
    void documents_surviveReopening() {
        store.apply(
                List.of(Change.put("thing", "_thg_1", "_acc_1", new Doc("_thg_1", "kept", List.of("t"), Map.of()))));
        store.close();
        store = reopen();

        assertThat(store.loadAll("thing", Doc.class))
                .containsExactly(new Doc("_thg_1", "kept", List.of("t"), Map.of()));
    }

    @Test
    void maxIdNumber_isTheHighestNumberOfAnyStoredId() {
        assertThat(store.maxIdNumber()).isZero();
        store.apply(List.of(
                Change.put("thing", "_thg_7532400960165904384", "_acc_1", new Doc("_thg_1", "a", List.of(), Map.of())),
                Change.put("key", "_key_100000000000000077", "_acc_1", new Doc("_key_1", "b", List.of(), Map.of()))));

        assertThat(store.maxIdNumber()).isEqualTo(7532400960165904384L);
    }

    /** Opens the same database again. */
    protected abstract EntityStore reopen();

    // Versions: a change names the version it expects, and the store refuses it when that does not hold.

    private static Doc doc(String id, String name) {
        return new Doc(id, name, List.of(), Map.of());
    }

    private static UniqueKey nameKey(String scope, String name) {
        return new UniqueKey("thing-name", scope, name, ErrorCode.NAME_TAKEN, "A thing named '" + name + "' exists");
    }

    private Stored put(String id, String name, long expected, UniqueKey... keys) {
        return store.apply(List.of(Change.put("thing", id, "_acc_1", doc(id, name))
                        .expecting(expected)
                        .withKeys(List.of(keys))))
                .get(0);
    }

    @Test
    void create_startsAtVersion1_andEachUpdateAddsOne() {
        assertThat(put("_thg_1", "a", EntityStore.NEW).version()).isEqualTo(1);
        assertThat(put("_thg_1", "b", 1).version()).isEqualTo(2);
        assertThat(put("_thg_1", "c", EntityStore.ANY).version()).isEqualTo(3);

        assertThat(store.load("thing", Doc.class))
                .containsExactly(new Stored("thing", "_thg_1", 3, doc("_thg_1", "c")));
    }

    @Test
    void createOfAnExistingId_isAConflict() {
        put("_thg_1", "a", EntityStore.NEW);

        assertThatThrownBy(() -> put("_thg_1", "b", EntityStore.NEW))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.entityId()).isEqualTo("_thg_1"));
        assertThat(store.loadAll("thing", Doc.class)).extracting(Doc::name).containsExactly("a");
    }

    @Test
    void updateAtAStaleVersion_isAConflict_andKeepsTheNewerDocument() {
        put("_thg_1", "a", EntityStore.NEW);
        put("_thg_1", "b", 1);

        assertThatThrownBy(() -> put("_thg_1", "lost", 1))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.entityId()).isEqualTo("_thg_1"));
        assertThat(store.load("thing", Doc.class)).extracting(Stored::version).containsExactly(2L);
        assertThat(store.loadAll("thing", Doc.class)).extracting(Doc::name).containsExactly("b");
    }

    @Test
    void updateOrDeleteOfAnEntityDeletedMeanwhile_isAConflict() {
        put("_thg_1", "a", EntityStore.NEW);
        store.apply(List.of(Change.delete("thing", "_thg_1").expecting(1)));

        assertThatThrownBy(() -> put("_thg_1", "b", 1)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() ->
                        store.apply(List.of(Change.delete("thing", "_thg_1").expecting(1))))
                .isInstanceOf(Conflict.class);
        assertThat(store.loadAll("thing", Doc.class)).isEmpty();
    }

    @Test
    void deleteAtAStaleVersion_isAConflict_andKeepsTheEntity() {
        put("_thg_1", "a", EntityStore.NEW);
        put("_thg_1", "b", 1);

        assertThatThrownBy(() ->
                        store.apply(List.of(Change.delete("thing", "_thg_1").expecting(1))))
                .isInstanceOf(Conflict.class);
        assertThat(store.loadAll("thing", Doc.class)).extracting(Doc::name).containsExactly("b");
    }

    // Unique keys: at most one entity holds a key; a refused batch claims nothing.

    @Test
    void aKeyHeldByAnotherEntity_isAConflictNamingTheKey() {
        put("_thg_1", "a", EntityStore.NEW, nameKey("_acc_1", "a"));

        assertThatThrownBy(() -> put("_thg_2", "a", EntityStore.NEW, nameKey("_acc_1", "a")))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.key()).isEqualTo(nameKey("_acc_1", "a")));
        assertThat(store.loadAll("thing", Doc.class)).extracting(Doc::id).containsExactly("_thg_1");
        assertThat(store.keyCount("thing")).isEqualTo(1);
    }

    @Test
    void theSameValueInAnotherScopeOrKind_isAnotherKey() {
        put("_thg_1", "a", EntityStore.NEW, nameKey("_acc_1", "a"));
        put("_thg_2", "a", EntityStore.NEW, nameKey("_acc_2", "a"));
        put("_thg_3", "a", EntityStore.NEW, new UniqueKey("thing-alias", "_acc_1", "a", ErrorCode.CONFLICT, "x"));

        assertThat(store.keyCount("thing")).isEqualTo(3);
    }

    @Test
    void aKeyIsFreedByItsHoldersRename_orDelete() {
        put("_thg_1", "a", EntityStore.NEW, nameKey("_acc_1", "a"));
        put("_thg_2", "b", EntityStore.NEW, nameKey("_acc_1", "b"));
        put("_thg_1", "renamed", 1, nameKey("_acc_1", "renamed"));
        store.apply(List.of(Change.delete("thing", "_thg_2").expecting(1)));

        put("_thg_3", "a", EntityStore.NEW, nameKey("_acc_1", "a"));
        put("_thg_4", "b", EntityStore.NEW, nameKey("_acc_1", "b"));

        assertThat(store.keyCount("thing")).isEqualTo(3);
    }

    @Test
    void oneBatch_mayFreeAKeyAndGiveItToAnotherEntity() {
        put("_thg_1", "a", EntityStore.NEW, nameKey("_acc_1", "a"));

        store.apply(List.of(
                Change.delete("thing", "_thg_1").expecting(1),
                Change.put("thing", "_thg_2", "_acc_1", doc("_thg_2", "a"))
                        .expecting(EntityStore.NEW)
                        .withKeys(List.of(nameKey("_acc_1", "a")))));

        assertThat(store.loadAll("thing", Doc.class)).extracting(Doc::id).containsExactly("_thg_2");
        assertThat(store.keyCount("thing")).isEqualTo(1);
    }

    @Test
    void anEntityKeepingItsKey_isUpdatedWithoutConflict() {
        put("_thg_1", "a", EntityStore.NEW, nameKey("_acc_1", "a"));

        assertThat(put("_thg_1", "a", 1, nameKey("_acc_1", "a")).version()).isEqualTo(2);
    }

    @Test
    void aBatchClaimingOneKeyTwice_isAConflict() {
        assertThatThrownBy(() -> store.apply(List.of(
                        Change.put("thing", "_thg_1", "_acc_1", doc("_thg_1", "a"))
                                .expecting(EntityStore.NEW)
                                .withKeys(List.of(nameKey("_acc_1", "a"))),
                        Change.put("thing", "_thg_2", "_acc_1", doc("_thg_2", "A"))
                                .expecting(EntityStore.NEW)
                                .withKeys(List.of(nameKey("_acc_1", "a"))))))
                .isInstanceOf(Conflict.class);
        assertThat(store.loadAll("thing", Doc.class)).isEmpty();
    }

    @Test
    void aBatchWithOneViolation_storesNothing_andClaimsNoKey() {
        put("_thg_1", "a", EntityStore.NEW, nameKey("_acc_1", "a"));
        put("_thg_2", "b", EntityStore.NEW, nameKey("_acc_1", "b"));
        put("_thg_8", "z", EntityStore.NEW, nameKey("_acc_1", "z"));

        assertThatThrownBy(() -> store.apply(List.of(
                        Change.put("thing", "_thg_2", "_acc_1", doc("_thg_2", "c"))
                                .expecting(1)
                                .withKeys(List.of(nameKey("_acc_1", "c"))),
                        Change.delete("thing", "_thg_1").expecting(1),
                        Change.put("thing", "_thg_3", "_acc_1", doc("_thg_3", "d"))
                                .expecting(EntityStore.NEW)
                                .withKeys(List.of(nameKey("_acc_1", "d"))),
                        Change.put("thing", "_thg_4", "_acc_1", doc("_thg_4", "z"))
                                .expecting(EntityStore.NEW)
                                .withKeys(List.of(nameKey("_acc_1", "z"))))))
                .isInstanceOfSatisfying(Conflict.class, c -> assertThat(c.key()).isEqualTo(nameKey("_acc_1", "z")));

        assertThat(store.load("thing", Doc.class))
                .containsExactly(
                        new Stored("thing", "_thg_1", 1, doc("_thg_1", "a")),
                        new Stored("thing", "_thg_2", 1, doc("_thg_2", "b")),
                        new Stored("thing", "_thg_8", 1, doc("_thg_8", "z")));
        put("_thg_5", "c", EntityStore.NEW, nameKey("_acc_1", "c"));
        put("_thg_6", "d", EntityStore.NEW, nameKey("_acc_1", "d"));
        assertThatThrownBy(() -> put("_thg_7", "a", EntityStore.NEW, nameKey("_acc_1", "a")))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> put("_thg_7", "b", EntityStore.NEW, nameKey("_acc_1", "b")))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void manyEntitiesInOneBatch_areCreatedWithTheirKeys() {
        List<Change> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 263; i++) {
            String id = "_thg_" + (1000 + i);
            batch.add(Change.put("thing", id, "_acc_1", doc(id, "n" + i))
                    .expecting(EntityStore.NEW)
                    .withKeys(List.of(nameKey("_acc_1", "n" + i))));
        }
        store.apply(batch);

        assertThat(store.loadAll("thing", Doc.class)).hasSize(263);
        assertThat(store.keyCount("thing")).isEqualTo(263);
        assertThatThrownBy(() -> put("_thg_9", "n262", EntityStore.NEW, nameKey("_acc_1", "n262")))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void replaceKeys_givesEachEntityItsKeys_andReportsTheOnesTwoShare() {
        put("_thg_1", "a", EntityStore.ANY);
        put("_thg_2", "b", EntityStore.ANY);
        put("_thg_3", "a", EntityStore.ANY);
        assertThat(store.keyCount("thing")).isZero();

        Map<String, List<UniqueKey>> keys = new java.util.LinkedHashMap<>();
        keys.put("_thg_1", List.of(nameKey("_acc_1", "a")));
        keys.put("_thg_2", List.of(nameKey("_acc_1", "b")));
        keys.put("_thg_3", List.of(nameKey("_acc_1", "a")));

        assertThat(store.replaceKeys("thing", keys)).containsExactly(nameKey("_acc_1", "a"));
        assertThat(store.keyCount("thing")).isEqualTo(2);
        assertThatThrownBy(() -> put("_thg_4", "b", EntityStore.NEW, nameKey("_acc_1", "b")))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void keysAndVersions_surviveReopening() {
        put("_thg_1", "a", EntityStore.NEW, nameKey("_acc_1", "a"));
        put("_thg_1", "a", 1, nameKey("_acc_1", "a"));
        store.close();
        store = reopen();

        assertThat(store.load("thing", Doc.class)).extracting(Stored::version).containsExactly(2L);
        assertThatThrownBy(() -> put("_thg_2", "a", EntityStore.NEW, nameKey("_acc_1", "a")))
                .isInstanceOf(Conflict.class);
    }
}
