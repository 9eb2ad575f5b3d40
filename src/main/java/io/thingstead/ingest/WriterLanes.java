package io.thingstead.ingest;

import io.thingstead.timeseries.LogEntry;
import io.thingstead.timeseries.Stored;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Which of the {@link Writer}'s lanes a write goes to: every point and log entry of a device to the
 * lane its number hashes to, so a device's writes stay in order; a write naming devices of several
 * lanes is split into one part per lane.
 */
final class WriterLanes {
    private WriterLanes() {}

    /** Queues one part of a split write on lane {@code lane}; the future completes once it is stored. */
    @FunctionalInterface
    interface PartQueue {
        CompletableFuture<Writer.Written> queue(int lane, List<Writer.Item> items, List<LogEntry> logs);
    }

    /** The lane of a device (by its number). */
    static int lane(long device, int lanes) {
        if (lanes == 1) {
            return 0;
        }
        // Device numbers are sequential in their low digits: mix them before taking the remainder.
        long h = device * 0x9E3779B97F4A7C15L;
        return Math.floorMod((int) (h ^ (h >>> 32)), lanes);
    }

    /** The one lane every point and log entry of the write belongs to, or -1 when they span several. */
    static int laneOf(List<Writer.Item> items, List<LogEntry> logs, int lanes) {
        if (lanes == 1) {
            return 0;
        }
        int lane = -1;
        for (Writer.Item item : items) {
            int l = lane(item.stored().device(), lanes);
            if (lane >= 0 && l != lane) {
                return -1;
            }
            lane = l;
        }
        for (LogEntry log : logs) {
            int l = lane(Stored.digits(log.deviceId()), lanes);
            if (lane >= 0 && l != lane) {
                return -1;
            }
            lane = l;
        }
        return Math.max(lane, 0);
    }

    /**
     * Splits a write into one part per lane (keeping the order of its points within each part) and
     * queues each; the returned future completes when every part is stored, with the replaced
     * positions counted in the whole write, or fails with the first failure once all have ended.
     */
    static CompletableFuture<Writer.Written> split(
            List<Writer.Item> items, List<LogEntry> logs, int lanes, PartQueue queue) {
        List<List<Writer.Item>> parts = new ArrayList<>(lanes);
        List<List<Integer>> positions = new ArrayList<>(lanes);
        List<List<LogEntry>> partLogs = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            parts.add(new ArrayList<>());
            positions.add(new ArrayList<>());
            partLogs.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            int l = lane(items.get(i).stored().device(), lanes);
            parts.get(l).add(items.get(i));
            positions.get(l).add(i);
        }
        for (LogEntry log : logs) {
            partLogs.get(lane(Stored.digits(log.deviceId()), lanes)).add(log);
        }
        List<CompletableFuture<List<Integer>>> queued = new ArrayList<>();
        for (int l = 0; l < lanes; l++) {
            if (parts.get(l).isEmpty() && partLogs.get(l).isEmpty()) {
                continue;
            }
            List<Integer> at = positions.get(l);
            queued.add(queue.queue(l, parts.get(l), partLogs.get(l))
                    .thenApply(w -> w.replaced().stream().map(at::get).toList()));
        }
        return CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Integer> replaced =
                    queued.stream().flatMap(f -> f.join().stream()).sorted().toList();
            return replaced.isEmpty() ? Writer.Written.NONE : new Writer.Written(replaced);
        });
    }
}
