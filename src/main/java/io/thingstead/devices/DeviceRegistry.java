package io.thingstead.devices;

import io.thingstead.core.ApiException;
import io.thingstead.core.EntityStore.Stored;
import io.thingstead.core.EntityStore.UniqueKey;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.Names;
import io.thingstead.core.Projection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory devices with their name index: a projection of the stored devices, changed only
 * by {@link #apply}. Its listeners hear of every device created, updated or deleted once the
 * change is stored, whichever node made it.
 */
public final class DeviceRegistry implements Projection {
    static final String KIND = "device";

    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    /** accountId + '/' + lower-case name → device id. */
    private final Map<String, String> byName = new ConcurrentHashMap<>();

    private final List<DeviceListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, Class<?>> kinds() {
        return Map.of(KIND, Device.class);
    }

    /** A device name is unique in its account (case-insensitive), and so is each custom id (type and value). */
    @Override
    public List<UniqueKey> uniqueKeys(String kind, Object doc) {
        Device d = (Device) doc;
        List<UniqueKey> out = new ArrayList<>(1 + d.customIds().size());
        out.add(UniqueKey.name(
                "device-name", d.accountId(), d.name(), "A device named '" + d.name() + "' already exists"));
        for (var cid : d.customIds().entrySet()) {
            out.add(new UniqueKey(
                    "device-cid",
                    d.accountId(),
                    cid.getKey() + ":" + cid.getValue(),
                    ErrorCode.CONFLICT,
                    "Custom id " + cid.getKey() + " '" + cid.getValue() + "' is used by another device"));
        }
        return out;
    }

    @Override
    public Runnable apply(List<Stored> changes) {
        List<Device> created = new ArrayList<>();
        List<Runnable> news = new ArrayList<>();
        for (Stored s : changes) {
            Device old = s.isDelete() ? devices.remove(s.id()) : devices.put(s.id(), (Device) s.doc());
            if (old != null) {
                byName.remove(nameKey(old), old.id());
            }
            if (s.doc() instanceof Device d) {
                byName.put(nameKey(d), d.id());
                if (old == null) {
                    created.add(d);
                } else {
                    news.add(() -> listeners.forEach(l -> l.updated(old, d)));
                }
            } else if (old != null) {
                news.add(() -> listeners.forEach(l -> l.deleted(old)));
            }
        }
        return () -> {
            if (!created.isEmpty()) {
                listeners.forEach(l -> l.created(created));
            }
            news.forEach(Runnable::run);
        };
    }

    private static String nameKey(Device d) {
        return d.accountId() + "/" + Names.key(d.name());
    }

    /** Every listener is told of every change, in the order they were added. */
    public void addListener(DeviceListener listener) {
        listeners.add(listener);
    }

    public Device get(String id) {
        return devices.get(id);
    }

    /** A device of the account by id or case-insensitive name, or null. */
    public Device find(String accountId, String ref) {
        Device d = devices.get(ref);
        if (d == null) {
            String id = byName.get(accountId + "/" + Names.key(ref));
            d = id == null ? null : devices.get(id);
        }
        return d != null && d.accountId().equals(accountId) ? d : null;
    }

    /**
     * The one lookup of a device a request names (the API, data access, alerts): the account's
     * device by id or case-insensitive name; 404 {@code NotFound} naming {@code ref} otherwise.
     */
    public Device require(String accountId, String ref) {
        Device d = find(accountId, ref);
        if (d == null) {
            throw ApiException.notFound("Device", ref);
        }
        return d;
    }

    public List<Device> ofAccount(String accountId) {
        List<Device> out = new ArrayList<>();
        for (Device d : devices.values()) {
            if (d.accountId().equals(accountId)) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparing(Device::id));
        return out;
    }

    public boolean anyOfProfiles(Set<String> profileIds) {
        for (Device d : devices.values()) {
            if (profileIds.contains(d.profileId())) {
                return true;
            }
        }
        return false;
    }

    public Collection<Device> all() {
        return devices.values();
    }
}
