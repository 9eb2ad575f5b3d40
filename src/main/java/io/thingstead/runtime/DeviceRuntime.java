package io.thingstead.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one owner of per-device runtime state. It says which node owns a device ({@link
 * Partitions}; today this node owns every device) and holds the {@link Slot} each feature
 * registers for the state it keeps per device. {@link #forget} frees a deleted device's state in
 * every slot at once, so a feature cannot leak a device it forgot to clean up; {@link #release}
 * frees a whole partition when it goes to another node (README: Layout).
 */
public final class DeviceRuntime {
    private final Partitions partitions;
    private final List<Slot<?>> slots = new CopyOnWriteArrayList<>();

    public DeviceRuntime(Partitions partitions) {
        this.partitions = partitions;
    }

    /** A runtime of one node that owns every device. */
    public static DeviceRuntime singleNode() {
        return new DeviceRuntime(Partitions.all());
    }

    /** Whether this node owns the device's runtime state. */
    public boolean owns(String deviceId) {
        return partitions.ownsDevice(deviceId);
    }

    /** Registers a slot whose state of a device is dropped when the device is freed. */
    public <S> Slot<S> slot(String name) {
        return slot(name, null);
    }

    /** Registers a slot whose state of a device is handed to {@code release} when the device is freed. */
    public <S> Slot<S> slot(String name, Slot.Release<S> release) {
        Slot<S> slot = new Slot<>(name, release);
        slots.add(slot);
        return slot;
    }

    /** The names of the slots registered, in order. */
    public List<String> slotNames() {
        return slots.stream().map(Slot::name).toList();
    }

    /** The device is gone: its state in every slot is freed. */
    public void forget(String deviceId) {
        for (Slot<?> slot : slots) {
            slot.free(deviceId);
        }
    }

    /** This node takes over a partition; the features rebuild its devices' state as they hear of them. */
    public void claim(int partition) {
        partitions.claim(partition);
    }

    /**
     * This node hands a partition to another: it stops owning it, and the state of its devices is
     * freed in every slot.
     */
    public void release(int partition) {
        partitions.release(partition);
        Set<String> devices = new LinkedHashSet<>();
        for (Slot<?> slot : slots) {
            slot.devices().stream().filter(id -> Partitions.of(id) == partition).forEach(devices::add);
        }
        devices.forEach(this::forget);
    }
}
