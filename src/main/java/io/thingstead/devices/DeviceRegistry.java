package io.thingstead.devices;

import io.thingstead.core.EntityStore;
import io.thingstead.core.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory devices with their name index, loaded at start, changed after durable writes. */
public final class DeviceRegistry {
    static final String KIND = "device";

    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    /** accountId + '/' + lower-case name → device id. */
    private final Map<String, String> byName = new ConcurrentHashMap<>();

    public DeviceRegistry(EntityStore store) {
        store.loadAll(KIND, Device.class).forEach(this::put);
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

    void put(Device d) {
        Device old = devices.put(d.id(), d);
        if (old != null) {
            byName.remove(old.accountId() + "/" + Names.key(old.name()));
        }
        byName.put(d.accountId() + "/" + Names.key(d.name()), d.id());
    }

    void remove(String id) {
        Device old = devices.remove(id);
        if (old != null) {
            byName.remove(old.accountId() + "/" + Names.key(old.name()));
        }
    }

    void forgetAccount(String accountId) {
        for (Device d : ofAccount(accountId)) {
            remove(d.id());
        }
    }
}
