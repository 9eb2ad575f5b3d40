package io.thingstead.core;

import static io.thingstead.testing.Entities.persist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import io.thingstead.testing.InMemoryEntityStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AdminTest {
    record Thing(String id, String name) {}

    /** A view of things by id whose names are unique; it announces "old -> new" of each change. */
    static final class Things implements Projection {
        final String kind;
        final Map<String, Thing> byId = new ConcurrentHashMap<>();
        final List<String> heard = new ArrayList<>();
        Runnable onAnnounce = () -> {};

        Things(String kind) {
            this.kind = kind;
        }

        @Override
        public Map<String, Class<?>> kinds() {
            return Map.of(kind, Thing.class);
        }

        @Override
        public List<UniqueKey> uniqueKeys(String kind, Object doc) {
            Thing t = (Thing) doc;
            return List.of(new UniqueKey(
                    kind + "-name", "", t.name(), ErrorCode.NAME_TAKEN, "A thing named '" + t.name() + "' exists"));
        }

        @Override
        public Runnable apply(List<Stored> changes) {
            List<String> news = new ArrayList<>();
            for (Stored s : changes) {
                Thing old = s.isDelete() ? byId.remove(s.id()) : byId.put(s.id(), (Thing) s.doc());
                news.add((old == null ? "-" : old.name()) + " -> " + (s.isDelete() ? "-" : ((Thing) s.doc()).name()));
            }
            return () -> {
                onAnnounce.run();
                heard.addAll(news);
            };
        }
    }

    final InMemoryEntityStore store = new InMemoryEntityStore();

    static Change put(String id, String name) {
        return Change.put("thing", id, null, new Thing(id, name));
    }

    @Test
    void register_loadsWhatIsStored_throughApply_withoutAnnouncingIt() {
        store.with("thing", "_thg_1", null, new Thing("_thg_1", "a"));
        Things things = new Admin(store).register(new Things("thing"));

        assertThat(things.byId).containsOnlyKeys("_thg_1");
        assertThat(things.heard).isEmpty();
    }

    @Test
    void register_storesTheUniqueKeysAStoreFromBeforeKeysLacks() {
        store.with("thing", "_thg_1", null, new Thing("_thg_1", "a"))
                .with("thing", "_thg_2", null, new Thing("_thg_2", "b"));
        assertThat(store.keyCount("thing")).isZero();

        new Admin(store).register(new Things("thing"));

        assertThat(store.keyCount("thing")).isEqualTo(2);
        assertThatThrownBy(() -> store.apply(List.of(put("_thg_3", "a")
                        .expecting(EntityStore.NEW)
                        .withKeys(List.of(new UniqueKey("thing-name", "", "a", ErrorCode.NAME_TAKEN, "taken"))))))
                .isInstanceOf(EntityStore.Conflict.class);
    }

    @Test
    void persist_changesMemoryOnlyAfterTheStoreCommitted_andAnnouncesOldToNew() {
        Admin admin = new Admin(store);
        Things things = admin.register(new Things("thing"));

        persist(admin, put("_thg_1", "a"));
        persist(admin, put("_thg_1", "b"));
        persist(admin, Change.delete("thing", "_thg_1"));

        assertThat(things.heard).containsExactly("- -> a", "a -> b", "b -> -");
        assertThat(things.byId).isEmpty();
        assertThat(store.load("thing", Thing.class)).isEmpty();
    }

    @Test
    void aKeyAnotherWriterHolds_isTheKeysOwnError_andLeavesMemoryAsItWas() {
        Admin admin = new Admin(store);
        Things things = admin.register(new Things("thing"));
        // another node stores a thing named "a", which this node has not heard of
        store.apply(List.of(put("_thg_9", "a").withKeys(things.uniqueKeys("thing", new Thing("_thg_9", "a")))));

        assertThatThrownBy(() -> persist(admin, put("_thg_1", "a"), put("_thg_2", "b")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN);
                    assertThat(e.getMessage()).isEqualTo("A thing named 'a' exists");
                });
        assertThat(things.byId).isEmpty();
        assertThat(things.heard).isEmpty();
        assertThat(store.loadAll("thing", Thing.class)).extracting(Thing::id).containsExactly("_thg_9");
    }

    @Test
    void anEntityAnotherWriterChanged_isAConflict_andLeavesMemoryAsItWas() {
        Admin admin = new Admin(store);
        Things things = admin.register(new Things("thing"));
        persist(admin, put("_thg_1", "a"));
        store.apply(List.of(put("_thg_1", "changed elsewhere")));

        assertThatThrownBy(() -> persist(admin, put("_thg_1", "b")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> persist(admin, Change.delete("thing", "_thg_1")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(things.byId.get("_thg_1").name()).isEqualTo("a");
        assertThat(store.loadAll("thing", Thing.class)).extracting(Thing::name).containsExactly("changed elsewhere");
    }

    @Test
    void applyCommitted_takesAnotherWritersChangeLikeALocalOne_andSkipsWhatIsNotNewer() {
        Admin admin = new Admin(store);
        Things things = admin.register(new Things("thing"));
        persist(admin, put("_thg_1", "a"));
        Stored elsewhere = store.apply(List.of(put("_thg_1", "b"))).get(0);

        admin.applyCommitted(List.of(elsewhere));
        admin.applyCommitted(List.of(elsewhere, new Stored("thing", "_thg_1", 1, new Thing("_thg_1", "old"))));
        persist(admin, put("_thg_1", "c"));

        assertThat(things.heard).containsExactly("- -> a", "a -> b", "b -> c");
        assertThat(store.load("thing", Thing.class)).extracting(Stored::version).containsExactly(3L);
    }

    @Test
    void announcements_runOnceEveryViewAppliedTheBatch() {
        Admin admin = new Admin(store);
        Things first = admin.register(new Things("thing"));
        Things second = admin.register(new Things("other"));
        List<Boolean> secondHadItWhenFirstAnnounced = new ArrayList<>();
        first.onAnnounce = () -> secondHadItWhenFirstAnnounced.add(second.byId.containsKey("_oth_1"));

        persist(admin, put("_thg_1", "a"), Change.put("other", "_oth_1", null, new Thing("_oth_1", "x")));

        assertThat(secondHadItWhenFirstAnnounced).containsExactly(true);
    }

    @Test
    void persist_outsideAMutation_isRefused() {
        Admin admin = new Admin(store);
        admin.register(new Things("thing"));

        assertThatThrownBy(() -> admin.persist(List.of(put("_thg_1", "a")))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKindNoViewHolds_isRefused() {
        Admin admin = new Admin(store);

        assertThatThrownBy(() -> persist(admin, put("_thg_1", "a"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> {
                    admin.register(new Things("thing"));
                    admin.register(new Things("thing"));
                })
                .isInstanceOf(IllegalStateException.class);
    }
}
