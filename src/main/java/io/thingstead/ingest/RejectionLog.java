package io.thingstead.ingest;

import io.thingstead.core.TokenBuckets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds what rejected input (or another kind of entry, e.g. replaced points) writes to a device's
 * log, whatever its status and transport: a token bucket per device of {@value #BURST} entries,
 * refilled by one every {@value #REFILL_MS} ms (20 a minute sustained). Entries beyond it are
 * counted, not logged, and the next entry that is logged says how many were left out; the write
 * receipt still counts every one of them.
 */
final class RejectionLog {
    static final int BURST = 20;
    static final long REFILL_MS = 3_000;

    private final TokenBuckets entries = new TokenBuckets(1000.0 / REFILL_MS, BURST);
    private final Map<String, Long> suppressed = new ConcurrentHashMap<>();
    private final String noun;

    RejectionLog() {
        this("rejections");
    }

    /** A share of its own for entries of one kind, {@code noun} naming them ("replacements"). */
    RejectionLog(String noun) {
        this.noun = noun;
    }

    /** The message to log for one more rejection of the device, or null when it is over its share. */
    String admit(String deviceId, long now, String message) {
        if (!entries.take(deviceId, now)) {
            suppressed.merge(deviceId, 1L, Long::sum);
            return null;
        }
        Long left = suppressed.remove(deviceId);
        if (left == null) {
            return message;
        }
        return message + " (" + left + " " + noun + " before it were not logged: a device logs at most " + BURST
                + " in a burst, then one every " + REFILL_MS / 1000 + " s)";
    }
}
