package io.thingstead.devices;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.accounts.AccountPurger;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.KeyRequests;
import io.thingstead.accounts.KeyService;
import io.thingstead.accounts.Principal;
import io.thingstead.accounts.Rights;
import io.thingstead.accounts.Scopes;
import io.thingstead.core.Admin;
import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Change;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Fields;
import io.thingstead.core.Ids;
import io.thingstead.core.Times;
import io.thingstead.core.Views;
import io.thingstead.profiles.DeviceProfile;
import io.thingstead.profiles.ProfileCatalog;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Device CRUD; each device is created with its device key, atomically. */
public final class DeviceService implements AccountPurger {
    private final DeviceRegistry registry;
    private final ProfileCatalog profiles;
    private final KeyService keys;
    private final Rights rights;
    private final Admin admin;
    private final Ids ids;
    private final InstantSource clock;

    public DeviceService(
            DeviceRegistry registry,
            ProfileCatalog profiles,
            KeyService keys,
            Rights rights,
            Admin admin,
            Ids ids,
            InstantSource clock) {
        this.registry = registry;
        this.profiles = profiles;
        this.keys = keys;
        this.rights = rights;
        this.admin = admin;
        this.ids = ids;
        this.clock = clock;
    }

    /** Told of every device created, updated or deleted once it is stored (see {@link DeviceRegistry}). */
    public void addListener(DeviceListener listener) {
        registry.addListener(listener);
    }

    /** The account's device by id or name, or 404 ({@link DeviceRegistry#require}). */
    public Device get(String accountId, String ref) {
        return registry.require(accountId, ref);
    }

    public List<Device> list(String accountId, DeviceFilter filter) {
        var predicate = filter.predicate(profileId -> profiles.isA(profileId, filter.isAProfileId()));
        return registry.ofAccount(accountId).stream().filter(predicate).toList();
    }

    /** Creates the devices of a body that is one device or an array of them; all or none. */
    public List<Device> create(String accountId, JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (body != null && body.isArray()) {
            if (body.isEmpty()) {
                throw ApiException.invalid("body", "must hold at least one device");
            }
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        return admin.mutate(() -> {
            List<Device> created = new ArrayList<>();
            List<Change> changes = new ArrayList<>();
            Map<String, String> namesInBatch = new HashMap<>();
            Map<String, String> cidsInBatch = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String path = items.size() > 1 || body.isArray() ? "[" + i + "]" : "";
                Device d = DeviceFields.create(
                        Fields.of(items.get(i), path, DeviceFields.KNOWN), accountId, ids.next("dev"), now(), profiles);
                requireFreeName(d, null);
                requireFreeCustomIds(d, null);
                if (namesInBatch.put(d.name().toLowerCase(java.util.Locale.ROOT), d.id()) != null) {
                    throw new ApiException(
                            ErrorCode.NAME_TAKEN, "The name '" + d.name() + "' appears twice in the request");
                }
                for (var e : d.customIds().entrySet()) {
                    if (cidsInBatch.put(e.getKey() + "=" + e.getValue(), d.id()) != null) {
                        throw new ApiException(
                                ErrorCode.CONFLICT,
                                "Custom id " + e.getKey() + " '" + e.getValue() + "' appears twice in the request");
                    }
                }
                ApiKey key = keys.newKey(
                        ApiKey.Owner.DEVICE, d.id(), accountId, KeyContext.device(d.id()), Scopes.DEVICE_KEY);
                changes.add(Change.put(DeviceRegistry.KIND, d.id(), accountId, d));
                changes.add(KeyService.change(key));
                created.add(d);
            }
            admin.persist(changes);
            return created;
        });
    }

    /**
     * Changes a device; a device key changes only the self-service fields of the devices it
     * reaches (others it may send back unchanged), and is told so (403) before any other check of
     * its body; checked again against the device as it is when the change is made, so a field an
     * administrator changed meanwhile is not set back.
     */
    public Device update(Principal p, String accountId, String ref, JsonNode body) {
        if (p.isDeviceKey()) {
            DeviceFields.requireSelfService(body, Views.publicTree(get(accountId, ref)));
        }
        Fields f = Fields.of(body, "", DeviceFields.KNOWN);
        return admin.mutate(() -> {
            Device cur = get(accountId, ref);
            if (p.isDeviceKey()) {
                DeviceFields.requireSelfService(body, Views.publicTree(cur));
            }
            Fields.requireUnlocked(cur.locked(), f, "Device '" + cur.name() + "'");
            Device next = DeviceFields.update(f, cur, now(), profiles);
            requireFreeName(next, cur.id());
            requireFreeCustomIds(next, cur.id());
            admin.persist(List.of(Change.put(DeviceRegistry.KIND, next.id(), accountId, next)));
            return next;
        });
    }

    /** Deletes the device and its key, and takes it out of every gateway key that listed it. */
    public int delete(String accountId, String ref) {
        return admin.mutate(() -> {
            Device cur = get(accountId, ref);
            if (cur.locked()) {
                throw ApiException.locked("Device '" + cur.name() + "'");
            }
            keys.deleteOwner(Change.delete(DeviceRegistry.KIND, cur.id()), cur.id());
            return 1;
        });
    }

    /**
     * {@code PUT /devices/{id}/apikey}: a device key keeps context {@code device}; its first id is
     * the device itself, and only a device whose profile IS-A {@code Gateway} may list more. The
     * caller holds every right of the key and every device it adds; a device key changes no key.
     */
    public ApiKey updateKey(Principal p, String accountId, String ref, JsonNode body) {
        requireNotDeviceKey(p, "change a key's context or scopes");
        Fields f = Fields.of(body, "", KeyRequests.KEY);
        return admin.mutate(() -> {
            Device device = get(accountId, ref);
            ApiKey cur = keys.keyOf(device.id());
            KeyRequests.requireUnchanged(f, cur);
            KeyContext asked = GatewayContext.check(f, device, profiles, id -> registry.find(accountId, id));
            List<String> askedScopes = KeyRequests.scopes(f, KeyContext.Type.DEVICE);
            KeyContext ctx = asked == null ? cur.context() : asked;
            List<String> scopes = askedScopes == null ? cur.scope() : askedScopes;
            rights.requireChange(p, cur, ctx, scopes, keyName(device));
            return rights.visible(p, keys.replaceContext(cur, ctx, scopes), "device:modify");
        });
    }

    /** The device's key; its secret only for a key with {@code device:modify} that holds every right of it. */
    public ApiKey key(Principal p, Device device) {
        return rights.visible(p, keys.keyOf(device.id()), "device:modify");
    }

    public ApiKey regenerateKey(Principal p, Device device) {
        requireNotDeviceKey(p, "regenerate keys");
        rights.requireRegenerate(p, keys.keyOf(device.id()), "device:modify", keyName(device));
        return keys.regenerate(device.id());
    }

    private static String keyName(Device device) {
        return "The key of device '" + device.name() + "'";
    }

    private static void requireNotDeviceKey(Principal p, String action) {
        if (p.isDeviceKey()) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN, "A device key cannot " + action + "; an account key with device:modify can");
        }
    }

    public DeviceProfile profileOf(Device d) {
        return profiles.profile(d.profileId());
    }

    private void requireFreeName(Device d, String selfId) {
        Device other = registry.find(d.accountId(), d.name());
        if (other != null && !other.id().equals(selfId)) {
            throw new ApiException(ErrorCode.NAME_TAKEN, "A device named '" + d.name() + "' already exists");
        }
    }

    private void requireFreeCustomIds(Device d, String selfId) {
        if (d.customIds().isEmpty()) {
            return;
        }
        for (Device other : registry.ofAccount(d.accountId())) {
            if (other.id().equals(selfId)) {
                continue;
            }
            for (var e : d.customIds().entrySet()) {
                if (e.getValue().equals(other.customIds().get(e.getKey()))) {
                    throw new ApiException(
                            ErrorCode.CONFLICT,
                            "Custom id " + e.getKey() + " '" + e.getValue() + "' is used by device '" + other.name()
                                    + "'");
                }
            }
        }
    }

    private String now() {
        return Times.format(clock.instant());
    }

    public boolean anyDeviceOf(Set<String> profileIds) {
        return registry.anyOfProfiles(profileIds);
    }

    @Override
    public List<Change> purgeChanges(String accountId) {
        return registry.ofAccount(accountId).stream()
                .map(d -> Change.delete(DeviceRegistry.KIND, d.id()))
                .toList();
    }
}
