package io.thingstead.profiles;

import io.thingstead.core.ApiException;
import io.thingstead.core.Copies;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Names;
import io.thingstead.core.Projection;
import io.thingstead.core.Subscribers;
import io.thingstead.core.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The in-memory profiles and property definitions, with IS-A chains resolved once and cached
 * until a profile changes: the builtins and a projection of the stored ones, changed only by
 * {@link #apply}.
 */
public final class ProfileCatalog implements Projection {
    static final String PROFILE = "deviceprofile";
    static final String PROPERTY = "property";

    private final Map<String, DeviceProfile> profiles = new ConcurrentHashMap<>();
    private final Map<String, Property> properties = new ConcurrentHashMap<>();
    private final Map<String, List<String>> chains = new ConcurrentHashMap<>();
    private volatile Map<String, List<Property>> byOwner = Map.of();
    /** Each profile's resolved properties and their lookup by reference, built once per change of the catalog. */
    private volatile Map<String, Members> members = new ConcurrentHashMap<>();

    private final Subscribers<Consumer<String>> propertyListeners = new Subscribers<>();

    /** The builtin profiles and properties; the stored ones come through {@link #apply}. */
    public ProfileCatalog() {
        Builtins.profiles().forEach(p -> profiles.put(p.id(), p));
        Builtins.properties().forEach(p -> properties.put(p.id(), p));
        reindex();
    }

    @Override
    public Map<String, Class<?>> kinds() {
        return Map.of(PROFILE, DeviceProfile.class, PROPERTY, Property.class);
    }

    /** A profile name is unique in its account, a property name in its profile (case-insensitive). */
    @Override
    public List<UniqueKey> uniqueKeys(String kind, Object doc) {
        return switch (doc) {
            case DeviceProfile p ->
                List.of(UniqueKey.name(
                        "profile-name",
                        p.accountId(),
                        p.name(),
                        "A device profile named '" + p.name() + "' already exists"));
            case Property p ->
                List.of(UniqueKey.name(
                        "property-name",
                        p.ownerId(),
                        p.name(),
                        "'name' '" + p.name() + "' is already defined by this profile"));
            default -> throw new IllegalArgumentException("Not a profile entity: " + kind);
        };
    }

    /**
     * A property deleted from a profile that stays is announced, so its data goes too; one deleted
     * with its profile has none (a profile with devices cannot be deleted, and an account's devices
     * go with it).
     */
    @Override
    public Runnable apply(List<Stored> changes) {
        List<Property> deletedProperties = new ArrayList<>();
        for (Stored s : changes) {
            switch (s.doc()) {
                case DeviceProfile p -> profiles.put(p.id(), p);
                case Property p -> properties.put(p.id(), p);
                case null -> {
                    if (PROFILE.equals(s.kind())) {
                        profiles.remove(s.id());
                    } else {
                        Property gone = properties.remove(s.id());
                        if (gone != null) {
                            deletedProperties.add(gone);
                        }
                    }
                }
                default -> throw new IllegalArgumentException("Not a profile entity: " + s.kind());
            }
        }
        chains.clear();
        reindex();
        members = new ConcurrentHashMap<>();
        List<String> announced = deletedProperties.stream()
                .filter(p -> profiles.containsKey(p.ownerId()))
                .map(Property::id)
                .toList();
        return () -> announced.forEach(id -> propertyListeners.forEach(l -> l.accept(id)));
    }

    /** Told the id of every property deleted from a profile that stays, once the deletion is stored. */
    public Subscription onPropertyDeleted(Consumer<String> listener) {
        return propertyListeners.add(listener);
    }

    public DeviceProfile profile(String id) {
        return profiles.get(id);
    }

    public Property property(String id) {
        return properties.get(id);
    }

    /**
     * The 409 refusing to delete a property another entity uses ({@code use}: "triggers alert 'x'"),
     * named by its name while it is known, else by its id; {@code kind} is what to change first.
     */
    public ApiException inUse(String propertyId, String use, String kind) {
        Property p = property(propertyId);
        return new ApiException(
                ErrorCode.CONFLICT,
                "Property '" + (p == null ? propertyId : p.name()) + "' " + use + "; delete or change the " + kind
                        + " first");
    }

    /** A profile visible to the account (its own or a builtin) by id or case-insensitive name. */
    public DeviceProfile find(String accountId, String ref) {
        DeviceProfile p = profiles.get(ref);
        if (p != null) {
            return visible(p, accountId) ? p : null;
        }
        String key = Names.key(ref);
        for (DeviceProfile candidate : profiles.values()) {
            if (Names.key(candidate.name()).equals(key) && visible(candidate, accountId)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The one lookup of a profile a request names (the API, alerts): a profile visible to the
     * account by id or case-insensitive name; 404 {@code NotFound} naming {@code ref} otherwise.
     */
    public DeviceProfile require(String accountId, String ref) {
        DeviceProfile p = find(accountId, ref);
        if (p == null) {
            throw ApiException.notFound("Device profile", ref);
        }
        return p;
    }

    private static boolean visible(DeviceProfile p, String accountId) {
        return p.builtin() || p.accountId().equals(accountId);
    }

    public List<DeviceProfile> visibleTo(String accountId) {
        List<DeviceProfile> out = new ArrayList<>();
        for (DeviceProfile p : profiles.values()) {
            if (visible(p, accountId)) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(DeviceProfile::id));
        return out;
    }

    /** The profile ids from {@code profileId} up to the root, cached. */
    public List<String> chain(String profileId) {
        return chains.computeIfAbsent(profileId, id -> {
            List<String> out = new ArrayList<>();
            for (DeviceProfile p = profiles.get(id);
                    p != null;
                    p = p.baseProfileId() == null ? null : profiles.get(p.baseProfileId())) {
                out.add(p.id());
            }
            return Collections.unmodifiableList(out);
        });
    }

    /** IS-A: {@code profileId} equals {@code ancestorId} or inherits from it. */
    public boolean isA(String profileId, String ancestorId) {
        return chain(profileId).contains(ancestorId);
    }

    /** The profile and every profile that inherits from it. */
    public Set<String> descendantsAndSelf(String profileId) {
        Set<String> out = new LinkedHashSet<>();
        for (DeviceProfile p : profiles.values()) {
            if (isA(p.id(), profileId)) {
                out.add(p.id());
            }
        }
        return out;
    }

    public List<DeviceProfile> children(String profileId) {
        List<DeviceProfile> out = new ArrayList<>();
        for (DeviceProfile p : profiles.values()) {
            if (profileId.equals(p.baseProfileId())) {
                out.add(p);
            }
        }
        return out;
    }

    public List<Property> ownProperties(String profileId) {
        return byOwner.getOrDefault(profileId, List.of());
    }

    /** A resolved member: the property and whether it comes from a base profile. */
    public record Resolved(Property property, DeviceProfile owner, boolean inherited) {
        public String qualifiedName() {
            return Names.key(owner.name()) + "$" + Names.key(property.name());
        }

        public Property.View view() {
            return property.view(qualifiedName(), inherited);
        }
    }

    /** Own properties first, then those of each base profile up the chain (unmodifiable). */
    public List<Resolved> resolvedProperties(String profileId) {
        return members(profileId).all();
    }

    /** A property of the profile (own or inherited) by id, name or {@code profile$name}. */
    public Resolved resolveProperty(String profileId, String ref) {
        return members(profileId).find(ref);
    }

    /**
     * Read on every data point, so kept per profile until the catalog changes; a lookup made from a
     * catalog that changed meanwhile goes into the map that change replaced, never into the new one.
     */
    private Members members(String profileId) {
        Map<String, Members> current = members;
        Members m = current.get(profileId);
        if (m == null) {
            List<Resolved> out = new ArrayList<>();
            for (String id : chain(profileId)) {
                DeviceProfile owner = profiles.get(id);
                for (Property p : ownProperties(id)) {
                    out.add(new Resolved(p, owner, !id.equals(profileId)));
                }
            }
            m = Members.of(out);
            current.put(profileId, m);
        }
        return m;
    }

    /**
     * A profile's resolved properties, with the place of the first one each id, name key and
     * qualified name refers to: a reference resolves to the first property, in chain order, that
     * it names in any of the three ways.
     */
    private record Members(List<Resolved> all, Map<String, Integer> byId, Map<String, Integer> byKey) {
        Members {
            all = Copies.list(all);
            byId = Copies.map(byId);
            byKey = Copies.map(byKey);
        }

        static Members of(List<Resolved> all) {
            Map<String, Integer> byId = new HashMap<>();
            Map<String, Integer> byKey = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                Resolved r = all.get(i);
                byId.putIfAbsent(r.property().id(), i);
                byKey.putIfAbsent(Names.key(r.property().name()), i);
                byKey.putIfAbsent(r.qualifiedName(), i);
            }
            return new Members(all, byId, byKey);
        }

        Resolved find(String ref) {
            Integer id = byId.get(ref);
            Integer key = byKey.get(Names.key(ref));
            if (id == null && key == null) {
                return null;
            }
            return all.get(id == null ? key : key == null ? id : Math.min(id, key));
        }
    }

    /** Every property of every account, builtins included (a snapshot). */
    public List<Property> allProperties() {
        return List.copyOf(properties.values());
    }

    public List<Property> propertiesOfAccount(String accountId) {
        List<Property> out = new ArrayList<>();
        for (Property p : properties.values()) {
            if (accountId.equals(p.accountId())) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Property::id));
        return out;
    }

    List<DeviceProfile> profilesOfAccount(String accountId) {
        return profiles.values().stream()
                .filter(p -> accountId.equals(p.accountId()))
                .toList();
    }

    private void reindex() {
        Map<String, List<Property>> index = new ConcurrentHashMap<>();
        for (Property p : properties.values()) {
            index.computeIfAbsent(p.ownerId(), k -> new ArrayList<>()).add(p);
        }
        index.values().forEach(l -> l.sort(Comparator.comparing(Property::id)));
        byOwner = index;
    }
}
