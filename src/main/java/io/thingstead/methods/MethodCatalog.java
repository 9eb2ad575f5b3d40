package io.thingstead.methods;

import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import io.thingstead.core.Ids;
import io.thingstead.core.Names;
import io.thingstead.core.Projection;
import io.thingstead.core.Subscribers;
import io.thingstead.core.Subscription;
import io.thingstead.devices.Device;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-memory methods, a projection of the stored ones changed only by {@link #apply}, indexed
 * by owner; which methods a device or profile has is found through its IS-A chain at each call
 * (never copied), so a change or a deletion on a base profile applies at once below it.
 */
public final class MethodCatalog implements Projection {
    static final String KIND = "method";

    private final ProfileCatalog profiles;
    private final Map<String, Method> methods = new ConcurrentHashMap<>();
    private volatile Map<String, List<Method>> byOwner = Map.of();
    /** The property ids some method is bound to as its input, in any account. */
    private volatile Set<String> inputs = Set.of();

    private final Subscribers<Consumer<String>> removedListeners = new Subscribers<>();

    public MethodCatalog(ProfileCatalog profiles) {
        this.profiles = profiles;
    }

    @Override
    public Map<String, Class<?>> kinds() {
        return Map.of(KIND, Method.class);
    }

    /**
     * A method's name is unique among the methods of its owner in its account (a builtin profile is
     * shared, its methods are not), case-insensitively.
     */
    @Override
    public List<UniqueKey> uniqueKeys(String kind, Object doc) {
        if (!(doc instanceof Method m)) {
            throw new IllegalArgumentException("Not a method: " + kind);
        }
        return List.of(UniqueKey.name(
                "method-name",
                m.accountId() + "/" + m.ownerId(),
                m.name(),
                "A method named '" + m.name() + "' already exists on this profile"));
    }

    @Override
    public Runnable apply(List<Stored> changes) {
        List<String> removed = new ArrayList<>();
        for (Stored s : changes) {
            if (s.doc() instanceof Method m) {
                methods.put(m.id(), m);
            } else if (s.doc() == null) {
                if (methods.remove(s.id()) != null) {
                    removed.add(s.id());
                }
            } else {
                throw new IllegalArgumentException("Not a method: " + s.kind());
            }
        }
        reindex();
        return removed.isEmpty() ? SILENT : () -> removed.forEach(id -> removedListeners.forEach(l -> l.accept(id)));
    }

    /** Told the id of each method deleted, once the deletion is applied. */
    public Subscription onRemoved(Consumer<String> listener) {
        return removedListeners.add(listener);
    }

    /** The method of that id in any account, or null. */
    public Method get(String id) {
        return methods.get(id);
    }

    /** The methods a profile holds itself for the account, oldest first. */
    public List<Method> ofOwner(String accountId, String ownerId) {
        List<Method> out = new ArrayList<>();
        for (Method m : byOwner.getOrDefault(ownerId, List.of())) {
            if (m.accountId().equals(accountId)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The methods the account defined, oldest first. */
    public List<Method> ofAccount(String accountId) {
        List<Method> out = new ArrayList<>();
        for (Method m : methods.values()) {
            if (m.accountId().equals(accountId)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::id, Ids::compare));
        return out;
    }

    /** Every method (a snapshot). */
    List<Method> all() {
        return List.copyOf(methods.values());
    }

    /** The methods the device has: those of its profile's chain in its account (see {@link #visibleTo(String, String)}). */
    public List<ResolvedMethod> visibleTo(Device d) {
        return visibleTo(d.accountId(), d.profileId());
    }

    /**
     * The methods a profile (or a device of it) has in the account: one per name, the definition
     * nearest the profile up its IS-A chain (an override hides what it overrides); its own first,
     * then each base profile's, oldest first within a profile. Private methods of base profiles
     * are listed too: the device has them, and only their own profile's methods may call them.
     */
    public List<ResolvedMethod> visibleTo(String accountId, String profileId) {
        List<ResolvedMethod> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String id : profiles.chain(profileId)) {
            DeviceProfile owner = profiles.profile(id);
            for (Method m : ofOwner(accountId, id)) {
                if (names.add(Names.key(m.name()))) {
                    out.add(new ResolvedMethod(m, id, !id.equals(profileId), qualifiedName(owner, m)));
                }
            }
        }
        return out;
    }

    /** The method the device has under {@code nameOrId} (see {@link #resolve(String, String, String)}). */
    public Optional<ResolvedMethod> resolve(Device d, String nameOrId) {
        return resolve(d.accountId(), d.profileId(), nameOrId);
    }

    /**
     * The method a profile (or a device of it) has under an id, a name (case-insensitive) or a
     * qualified name ({@code profile$name}), following overrides: the id or qualified name of a
     * method a nearer profile overrides finds the override, the one the device runs.
     */
    public Optional<ResolvedMethod> resolve(String accountId, String profileId, String nameOrId) {
        String key = Names.key(nameOrId);
        String name = null;
        for (String id : profiles.chain(profileId)) {
            DeviceProfile owner = profiles.profile(id);
            for (Method m : ofOwner(accountId, id)) {
                if (m.id().equals(nameOrId) || qualifiedName(owner, m).equals(key)) {
                    name = Names.key(m.name());
                }
            }
        }
        String wanted = name != null ? name : key;
        return visibleTo(accountId, profileId).stream()
                .filter(r -> Names.key(r.method().name()).equals(wanted))
                .findFirst();
    }

    /** Whether some method, of any account, is bound to that property as its input: cheap, memory only. */
    public boolean isInput(String propertyId) {
        return inputs.contains(propertyId);
    }

    /** The methods the device has (overrides applied) that are bound to that property as their input. */
    public List<ResolvedMethod> boundTo(Device d, String propertyId) {
        if (!isInput(propertyId)) {
            return List.of();
        }
        return visibleTo(d).stream()
                .filter(r -> propertyId.equals(r.method().inputId()))
                .toList();
    }

    /** {@code profile$method}, lower case. */
    static String qualifiedName(DeviceProfile owner, Method m) {
        return Names.key(owner.name()) + "$" + Names.key(m.name());
    }

    private void reindex() {
        Map<String, List<Method>> index = new ConcurrentHashMap<>();
        for (Method m : methods.values()) {
            index.computeIfAbsent(m.ownerId(), k -> new ArrayList<>()).add(m);
        }
        index.values().forEach(l -> l.sort(Comparator.comparing(Method::id, Ids::compare)));
        byOwner = index;
        Set<String> bound = new HashSet<>();
        for (Method m : methods.values()) {
            if (m.inputId() != null) {
                bound.add(m.inputId());
            }
        }
        inputs = Set.copyOf(bound);
    }
}
