package io.thingstead.runtime;

import java.util.BitSet;

/**
 * The devices split into {@link #COUNT} partitions by a hash of the device id that is the same on
 * every node ({@link String#hashCode} is specified), and which of them this node owns. One node
 * owns them all until cluster mode hands partitions to nodes (README: Layout).
 */
public final class Partitions {
    public static final int COUNT = 256;

    private final BitSet owned = new BitSet(COUNT);

    private Partitions() {}

    /** Every partition owned by this node: the only mode there is today. */
    public static Partitions all() {
        Partitions p = new Partitions();
        p.owned.set(0, COUNT);
        return p;
    }

    /** No partition owned yet (a node that joins and is handed partitions one by one). */
    public static Partitions none() {
        return new Partitions();
    }

    /** The partition of a device. */
    public static int of(String deviceId) {
        return Math.floorMod(deviceId.hashCode(), COUNT);
    }

    public synchronized boolean owns(int partition) {
        return owned.get(partition);
    }

    public boolean ownsDevice(String deviceId) {
        return owns(of(deviceId));
    }

    synchronized void claim(int partition) {
        owned.set(check(partition));
    }

    synchronized void release(int partition) {
        owned.clear(check(partition));
    }

    private static int check(int partition) {
        if (partition < 0 || partition >= COUNT) {
            throw new IllegalArgumentException("partition " + partition + " is not in 0.." + (COUNT - 1));
        }
        return partition;
    }
}
