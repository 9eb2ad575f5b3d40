package io.thingstead.ingest;

import io.thingstead.core.TokenBucket;
import io.thingstead.runtime.DeviceRuntime;
import io.thingstead.runtime.Slot;
import java.util.function.Supplier;

/**
 * Bounds what rejected input (or another kind of entry, e.g. replaced points) writes to a device's
 * log, whatever its status and transport: a token bucket per device of {@value #BURST} entries,
 * refilled by one every {@value #REFILL_MS} ms (20 a minute sustained). Entries beyond it are
 * counted, not logged, and the next entry that is logged says how many were left out; the write
 * receipt still counts every one of them. The share of a device is runtime state of the device
 * ({@link DeviceRuntime}), freed with it. The lines of bound method inputs have a share of their own
 * (docs/methods.md: Bound input).
 */
public final class RejectionLog {
    static final int BURST = 20;
    static final long REFILL_MS = 3_000;

    /** A device's share: its bucket, and how many entries were left out since the last logged. */
    private static final class Share {
        final TokenBucket bucket;
        long suppressed;

        Share(long now) {
            bucket = new TokenBucket(1000.0 / REFILL_MS, BURST, now);
        }
    }

    private final Slot<Share> shares;
    private final String noun;

    /** A log share of rejections per device, kept in a slot of {@code runtime}. */
    RejectionLog(DeviceRuntime runtime) {
        this(runtime, "rejections");
    }

    /** A share of its own for entries of one kind, {@code noun} naming them ("replacements"). */
    public RejectionLog(DeviceRuntime runtime, String noun) {
        this.shares = runtime.slot("log share of " + noun);
        this.noun = noun;
    }

    /** The message to log for one more rejection of the device, or null when it is over its share. */
    public String admit(String deviceId, long now, String message) {
        return admit(deviceId, now, () -> message);
    }

    /** As {@link #admit(String, long, String)}, building the message only when it is logged. */
    public String admit(String deviceId, long now, Supplier<String> message) {
        Share share = shares.computeIfAbsent(deviceId, id -> new Share(now));
        long left;
        synchronized (share) {
            if (!share.bucket.take(now)) {
                share.suppressed++;
                return null;
            }
            left = share.suppressed;
            share.suppressed = 0;
        }
        if (left == 0) {
            return message.get();
        }
        return message.get() + " (" + left + " " + noun + " before it were not logged: a device logs at most " + BURST
                + " in a burst, then one every " + REFILL_MS / 1000 + " s)";
    }
}
