package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.EntityStore;
import io.thingstead.core.EntityStore.Change;
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
}
