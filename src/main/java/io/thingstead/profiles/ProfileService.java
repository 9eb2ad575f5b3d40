package io.thingstead.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.AccountPurger;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Names;
import io.thingstead.core.Subscribers;
import io.thingstead.core.Subscription;
import io.thingstead.core.Times;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Device profile CRUD with IS-A rules: no cycles, no redefined names, no deleting what is used. */
public final class ProfileService implements AccountPurger {
    /** A device profile body: what a profile emits, and {@code baseProfile} (a name or id). */
    static final FieldSet KNOWN = FieldSet.of(
                    "name",
                    "friendlyName",
                    "baseProfile",
                    "baseProfileId",
                    "description",
                    "tags",
                    "deviceClass",
                    "productName",
                    "vendorName",
                    "imageUrl",
                    "locked")
            .readOnly("id", "accountId", "dateCreated", "dateModified");

    private final ProfileCatalog catalog;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;
    private final Subscribers<ProfileUsage> usages = new Subscribers<>();

    public ProfileService(ProfileCatalog catalog, Admin admin, Ids ids, InstantSource clock) {
        this.catalog = catalog;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Adds a feature that tells whether a profile is in use (devices today, apps later): a profile
     * any of them uses cannot be deleted.
     */
    public Subscription addUsage(ProfileUsage usage) {
        return usages.add(usage);
    }

    /** A profile visible to the account by id or name, or 404 ({@link ProfileCatalog#require}). */
    public DeviceProfile get(String accountId, String ref) {
        return catalog.require(accountId, ref);
    }

    /** A profile visible to the account by id or name, or null. */
    public DeviceProfile find(String accountId, String ref) {
        return catalog.find(accountId, ref);
    }

    public List<DeviceProfile> list(String accountId, String name, String base) {
        List<DeviceProfile> out = new ArrayList<>();
        DeviceProfile baseProfile = base == null ? null : catalog.find(accountId, base);
        if (base != null && baseProfile == null) {
            return out;
        }
        for (DeviceProfile p : catalog.visibleTo(accountId)) {
            if ((name == null || p.name().equalsIgnoreCase(name))
                    && (baseProfile == null || baseProfile.id().equals(p.baseProfileId()))) {
                out.add(p);
            }
        }
        return out;
    }

    public DeviceProfile create(String accountId, JsonNode body) {
        Fields f = Fields.of(body, "", KNOWN);
        String name = Names.require("name", f.requiredString("name"));
        String now = Times.format(clock.instant());
        return admin.mutate(() -> {
            requireFreeName(accountId, name, null);
            String baseRef = baseRef(f);
            DeviceProfile base = baseRef == null ? catalog.profile(Builtins.DEVICE) : catalog.find(accountId, baseRef);
            if (base == null) {
                throw ApiException.unknownReference(
                        f.present("baseProfile") ? "baseProfile" : "baseProfileId", "device profile", baseRef);
            }
            DeviceProfile p = new DeviceProfile(
                    ids.next("dpf"),
                    accountId,
                    name,
                    f.text("friendlyName", 256),
                    base.id(),
                    f.text("description", 4096),
                    f.tagsOrEmpty("tags"),
                    f.text("deviceClass", 256),
                    f.text("productName", 256),
                    f.text("vendorName", 256),
                    f.text("imageUrl", 2048),
                    Boolean.TRUE.equals(f.bool("locked")),
                    now,
                    now);
            admin.persist(List.of(Change.put(ProfileCatalog.PROFILE, p.id(), accountId, p)));
            return p;
        });
    }

    public DeviceProfile update(String accountId, String ref, JsonNode body) {
        Fields f = Fields.of(body, "", KNOWN);
        return admin.mutate(() -> {
            DeviceProfile cur = get(accountId, ref);
            f.unchanged("id", cur.id()).unchanged("accountId", cur.accountId());
            requireModifiable(cur, f);
            String name = cur.name();
            if (f.present("name")) {
                name = Names.require("name", f.string("name"));
                requireFreeName(accountId, name, cur.id());
            }
            String baseId = cur.baseProfileId();
            String baseRef = baseRef(f);
            if (baseRef != null) {
                DeviceProfile base = catalog.find(accountId, baseRef);
                if (base == null) {
                    throw ApiException.unknownReference("baseProfile", "device profile", baseRef);
                }
                if (catalog.isA(base.id(), cur.id())) {
                    throw ApiException.invalid("baseProfile", "would make '" + cur.name() + "' inherit from itself");
                }
                requireNoNameClash(cur.id(), base.id());
                baseId = base.id();
            }
            DeviceProfile next = new DeviceProfile(
                    cur.id(),
                    cur.accountId(),
                    name,
                    f.has("friendlyName") ? f.text("friendlyName", 256) : cur.friendlyName(),
                    baseId,
                    f.has("description") ? f.text("description", 4096) : cur.description(),
                    f.has("tags") ? f.tagsOrEmpty("tags") : cur.tags(),
                    f.has("deviceClass") ? f.text("deviceClass", 256) : cur.deviceClass(),
                    f.has("productName") ? f.text("productName", 256) : cur.productName(),
                    f.has("vendorName") ? f.text("vendorName", 256) : cur.vendorName(),
                    f.has("imageUrl") ? f.text("imageUrl", 2048) : cur.imageUrl(),
                    f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                    cur.dateCreated(),
                    Times.format(clock.instant()));
            admin.persist(List.of(Change.put(ProfileCatalog.PROFILE, next.id(), accountId, next)));
            return next;
        });
    }

    public int delete(String accountId, String ref) {
        return admin.mutate(() -> {
            DeviceProfile cur = get(accountId, ref);
            if (cur.builtin() || cur.locked()) {
                throw ApiException.locked("Device profile '" + cur.name() + "'");
            }
            // In use first: devices anywhere below only exist under children, so checking
            // inheritance first would make the descendant part of this rule unreachable.
            if (usages.any(u -> u.anyDeviceOf(catalog.descendantsAndSelf(cur.id())))) {
                throw new ApiException(
                        ErrorCode.PROFILE_IN_USE,
                        "Device profile '" + cur.name() + "' has devices in its IS-A hierarchy");
            }
            if (!catalog.children(cur.id()).isEmpty()) {
                throw new ApiException(
                        ErrorCode.PROFILE_INHERITED,
                        "Device profile '" + cur.name() + "' is the base of other profiles");
            }
            List<Change> changes = new ArrayList<>();
            changes.add(Change.delete(ProfileCatalog.PROFILE, cur.id()));
            for (Property p : catalog.ownProperties(cur.id())) {
                changes.add(Change.delete(ProfileCatalog.PROPERTY, p.id()));
            }
            admin.persist(changes);
            return 1;
        });
    }

    static void requireModifiable(DeviceProfile p, Fields body) {
        if (p.builtin()) {
            throw ApiException.locked("Device profile '" + p.name() + "'");
        }
        Fields.requireUnlocked(p.locked(), body, "Device profile '" + p.name() + "'");
    }

    private static String baseRef(Fields f) {
        String ref = f.string("baseProfile");
        return ref != null ? ref : f.string("baseProfileId");
    }

    private void requireFreeName(String accountId, String name, String selfId) {
        DeviceProfile other = catalog.find(accountId, name);
        if (other != null && !other.id().equals(selfId)) {
            throw new ApiException(ErrorCode.NAME_TAKEN, "A device profile named '" + name + "' already exists");
        }
    }

    /** Re-basing must not give any profile below {@code profileId} two properties of one name. */
    private void requireNoNameClash(String profileId, String newBaseId) {
        Set<String> inherited = new HashSet<>();
        catalog.resolvedProperties(newBaseId)
                .forEach(r -> inherited.add(Names.key(r.property().name())));
        for (String id : catalog.descendantsAndSelf(profileId)) {
            for (Property p : catalog.ownProperties(id)) {
                if (inherited.contains(Names.key(p.name()))) {
                    throw ApiException.invalid(
                            "baseProfile", "the new base already defines property '" + p.name() + "'");
                }
            }
        }
    }

    @Override
    public List<Change> purgeChanges(String accountId) {
        List<Change> out = new ArrayList<>();
        catalog.profilesOfAccount(accountId).forEach(p -> out.add(Change.delete(ProfileCatalog.PROFILE, p.id())));
        catalog.propertiesOfAccount(accountId).forEach(p -> out.add(Change.delete(ProfileCatalog.PROPERTY, p.id())));
        return out;
    }
}
