package io.thingstead.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One feature's state of each device, in memory, registered with a {@link DeviceRuntime} that
 * frees it when the device is deleted or its partition goes to another node. Thread-safe.
 *
 * @param <S> the state of one device
 */
public final class Slot<S> {
    /**
     * What freeing a device's state does when it is not simply dropped: e.g. a session ends its
     * connection, and the session's own end removes it from the slot.
     */
    @FunctionalInterface
    public interface Release<S> {
        void release(String deviceId, S state);
    }

    private final String name;
    private final Release<S> release;
    private final Map<String, S> states = new ConcurrentHashMap<>();

    Slot(String name, Release<S> release) {
        this.name = name;
        this.release = release;
    }

    public String name() {
        return name;
    }

    public S get(String deviceId) {
        return states.get(deviceId);
    }

    public S computeIfAbsent(String deviceId, Function<String, S> create) {
        return states.computeIfAbsent(deviceId, create);
    }

    public void put(String deviceId, S state) {
        states.put(deviceId, state);
    }

    public S remove(String deviceId) {
        return states.remove(deviceId);
    }

    /** Removes the device's state only while it is {@code expected}; true when it was. */
    public boolean remove(String deviceId, S expected) {
        return states.remove(deviceId, expected);
    }

    public Collection<S> values() {
        return states.values();
    }

    public void forEach(BiConsumer<String, S> action) {
        states.forEach(action);
    }

    public int size() {
        return states.size();
    }

    /** Frees the device's state: dropped, or handed to the slot's {@link Release}. */
    void free(String deviceId) {
        if (release == null) {
            states.remove(deviceId);
            return;
        }
        S s = states.get(deviceId);
        if (s != null) {
            release.release(deviceId, s);
        }
    }

    /** The devices whose state this slot holds now. */
    List<String> devices() {
        return List.copyOf(states.keySet());
    }
}
