package io.thingstead.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.AccountPurger;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.Dependents;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Names;
import io.thingstead.core.Times;
import io.thingstead.devices.Device;
import io.thingstead.devices.DeviceRegistry;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.Property;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Alert CRUD on profiles and devices, and which alerts apply to a device: its own, and those of
 * every profile its profile IS-A, found through the chain at each call (never copied), so a change
 * or a deletion applies at once (docs/alerts.md: Inheritance).
 */
public final class AlertService implements AccountPurger, Dependents {
    private final AlertCatalog catalog;
    private final ProfileCatalog profiles;
    private final DeviceRegistry devices;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;

    public AlertService(
            AlertCatalog catalog,
            ProfileCatalog profiles,
            DeviceRegistry devices,
            Admin admin,
            Ids ids,
            InstantSource clock) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.devices = devices;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
    }

    /** What owns an alert: a profile, or a device, whose properties are those of {@code profileId}'s chain. */
    private record Owner(String id, String name, String profileId, String what) {}

    public Alert createOnProfile(String accountId, String profileRef, JsonNode body) {
        return create(accountId, profileOwner(accountId, profileRef), body);
    }

    public Alert createOnDevice(String accountId, String deviceRef, JsonNode body) {
        return create(accountId, deviceOwner(accountId, deviceRef), body);
    }

    /** {@code POST /alerts}: the owner is the body's {@code ownerId}, else {@code ownerRef} (the query's). */
    public Alert create(String accountId, String ownerRef, JsonNode body) {
        String ref = body != null
                        && body.hasNonNull("ownerId")
                        && body.get("ownerId").isTextual()
                ? body.get("ownerId").textValue()
                : ownerRef;
        if (ref == null) {
            throw ApiException.invalid("ownerId", "is required: the device profile or device that owns the alert");
        }
        Owner owner = anyOwner(accountId, ref);
        if (owner == null) {
            throw ApiException.unknownReference("ownerId", "device profile or device", ref);
        }
        return create(accountId, owner, body);
    }

    private Alert create(String accountId, Owner owner, JsonNode body) {
        Fields f = Fields.of(body, "", AlertFields.KNOWN);
        String ownerRef = f.string("ownerId");
        if (ownerRef != null && !ownerRef.equals(owner.id()) && !ownerRef.equalsIgnoreCase(owner.name())) {
            throw ApiException.invalid("ownerId", "must be the " + owner.what() + " the alert is created on");
        }
        String triggerRef = AlertFields.triggerRef(f);
        if (triggerRef == null) {
            throw ApiException.invalid("triggerId", "is required: the property whose writes the alert evaluates");
        }
        Property trigger = trigger(owner, AlertFields.triggerField(f), triggerRef);
        String now = Times.format(clock.instant());
        Alert a = AlertFields.create(f, ids.next("ale"), accountId, owner.id(), trigger.id(), now);
        AlertRules.check(a, trigger);
        return admin.mutate(() -> {
            requireOwnerExists(accountId, owner);
            requireFreeName(a, null);
            admin.persist(List.of(Change.put(AlertCatalog.KIND, a.id(), accountId, a)));
            return a;
        });
    }

    /** {@code GET /alerts}: the account's alerts, or those that apply to an owner (a device: its profile's too). */
    public List<Alert> list(String accountId, String ownerRef) {
        if (ownerRef == null) {
            return catalog.ofAccount(accountId);
        }
        DeviceProfile p = profiles.find(accountId, ownerRef);
        if (p != null) {
            return catalog.ofOwner(accountId, p.id());
        }
        Device d = devices.find(accountId, ownerRef);
        return d == null ? List.of() : appliesTo(d);
    }

    /** The alerts a profile owns itself; alerts of its base profiles are not members of it. */
    public List<Alert> ofProfile(String accountId, String profileRef) {
        return catalog.ofOwner(accountId, profileOwner(accountId, profileRef).id());
    }

    public List<Alert> ofDevice(String accountId, String deviceRef) {
        return appliesTo(device(accountId, deviceRef));
    }

    /** The alerts evaluated for the device: its own first, then each profile's up its IS-A chain. */
    public List<Alert> appliesTo(Device d) {
        List<Alert> out = new ArrayList<>(catalog.ofOwner(d.accountId(), d.id()));
        for (String profileId : profiles.chain(d.profileId())) {
            out.addAll(catalog.ofOwner(d.accountId(), profileId));
        }
        return out;
    }

    public Alert get(String accountId, String id) {
        Alert a = catalog.get(id);
        if (a == null || !a.accountId().equals(accountId)) {
            throw ApiException.notFound("Alert", id);
        }
        return a;
    }

    public Alert getOnProfile(String accountId, String profileRef, String alertRef) {
        return pick(ofProfile(accountId, profileRef), alertRef);
    }

    /** An alert that applies to the device, by id or name (its own before its profiles', nearest first). */
    public Alert getOnDevice(String accountId, String deviceRef, String alertRef) {
        return pick(ofDevice(accountId, deviceRef), alertRef);
    }

    /** The id of an alert the addressed owner holds itself; an inherited one changes on its owner. */
    public String ownedBy(String ownerId, Alert a) {
        if (!a.ownerId().equals(ownerId)) {
            throw ApiException.invalid(
                    "alert", "'" + a.name() + "' belongs to profile '" + ownerName(a) + "'; change it there");
        }
        return a.id();
    }

    public String profileId(String accountId, String profileRef) {
        return profileOwner(accountId, profileRef).id();
    }

    /** The alert of that id in any account, or null (for the evaluation, which knows no account). */
    Alert find(String id) {
        return catalog.get(id);
    }

    public String deviceId(String accountId, String deviceRef) {
        return device(accountId, deviceRef).id();
    }

    public Alert update(String accountId, String id, JsonNode body) {
        Fields f = Fields.of(body, "", AlertFields.KNOWN);
        AlertFields.requireNotNull(f, List.of("conditions", "notifications", "name"));
        return admin.mutate(() -> {
            Alert cur = get(accountId, id);
            f.unchanged("id", cur.id()).unchanged("accountId", cur.accountId()).unchanged("ownerId", cur.ownerId());
            Fields.requireUnlocked(cur.locked(), f, "Alert '" + cur.name() + "'");
            Owner owner = ownerOf(cur);
            String ref = AlertFields.triggerRef(f);
            Property trigger = ref != null
                    ? trigger(owner, AlertFields.triggerField(f), ref)
                    : trigger(owner, "triggerId", cur.triggerId());
            Alert next = AlertFields.update(f, cur, trigger.id(), Times.format(clock.instant()));
            AlertRules.check(next, trigger);
            requireFreeName(next, cur.id());
            admin.persist(List.of(Change.put(AlertCatalog.KIND, next.id(), accountId, next)));
            return next;
        });
    }

    public int delete(String accountId, String id) {
        return admin.mutate(() -> {
            Alert cur = get(accountId, id);
            if (cur.locked()) {
                throw ApiException.locked("Alert '" + cur.name() + "'");
            }
            admin.persist(List.of(Change.delete(AlertCatalog.KIND, cur.id())));
            return 1;
        });
    }

    /**
     * An alert goes with its owner; a property that triggers an alert that stays cannot be
     * deleted (the alert would never fire again without anyone being told).
     */
    @Override
    public List<Change> onDelete(Set<String> deletedIds) {
        List<Change> out = new ArrayList<>();
        List<Alert> staying = new ArrayList<>();
        for (Alert a : catalog.all()) {
            if (deletedIds.contains(a.ownerId())) {
                out.add(Change.delete(AlertCatalog.KIND, a.id()));
            } else if (!deletedIds.contains(a.id())) {
                staying.add(a);
            }
        }
        for (Alert a : staying) {
            if (deletedIds.contains(a.triggerId())) {
                throw profiles.inUse(a.triggerId(), "triggers alert '" + a.name() + "'", "alert");
            }
        }
        return out;
    }

    @Override
    public List<Change> purgeChanges(String accountId) {
        return catalog.ofAccount(accountId).stream()
                .map(a -> Change.delete(AlertCatalog.KIND, a.id()))
                .toList();
    }

    private Property trigger(Owner owner, String field, String ref) {
        ProfileCatalog.Resolved r = profiles.resolveProperty(owner.profileId(), ref);
        if (r == null) {
            throw ApiException.invalid(
                    field, "names '" + ref + "', which is no property of " + owner.what() + " '" + owner.name() + "'");
        }
        return r.property();
    }

    private static Alert pick(List<Alert> alerts, String ref) {
        for (Alert a : alerts) {
            if (a.id().equals(ref)) {
                return a;
            }
        }
        String key = Names.key(ref);
        for (Alert a : alerts) {
            if (Names.key(a.name()).equals(key)) {
                return a;
            }
        }
        throw ApiException.notFound("Alert", ref);
    }

    private Owner profileOwner(String accountId, String ref) {
        DeviceProfile p = profiles.require(accountId, ref);
        return new Owner(p.id(), p.name(), p.id(), "device profile");
    }

    private Device device(String accountId, String ref) {
        return devices.require(accountId, ref);
    }

    private Owner deviceOwner(String accountId, String ref) {
        Device d = device(accountId, ref);
        return new Owner(d.id(), d.name(), d.profileId(), "device");
    }

    private Owner anyOwner(String accountId, String ref) {
        DeviceProfile p = profiles.find(accountId, ref);
        if (p != null) {
            return new Owner(p.id(), p.name(), p.id(), "device profile");
        }
        Device d = devices.find(accountId, ref);
        return d == null ? null : new Owner(d.id(), d.name(), d.profileId(), "device");
    }

    private Owner ownerOf(Alert a) {
        Owner o = anyOwner(a.accountId(), a.ownerId());
        if (o == null) {
            throw ApiException.notFound("Alert", a.id());
        }
        return o;
    }

    private String ownerName(Alert a) {
        DeviceProfile p = profiles.profile(a.ownerId());
        return p == null ? a.ownerId() : p.name();
    }

    /** The owner may have gone between reading the body and taking the lock. */
    private void requireOwnerExists(String accountId, Owner owner) {
        if (anyOwner(accountId, owner.id()) == null) {
            throw ApiException.notFound(owner.what(), owner.name());
        }
    }

    private void requireFreeName(Alert a, String selfId) {
        for (Alert other : catalog.ofOwner(a.accountId(), a.ownerId())) {
            if (!other.id().equals(selfId) && Names.key(other.name()).equals(Names.key(a.name()))) {
                throw new ApiException(
                        ErrorCode.NAME_TAKEN, "An alert named '" + a.name() + "' already exists on this owner");
            }
        }
    }
}
