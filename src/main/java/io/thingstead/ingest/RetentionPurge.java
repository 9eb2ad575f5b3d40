package io.thingstead.ingest;

import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.Property;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code lifetime} and {@code capacity} of historical properties in the background, for
 * the series written since its last run (a series nobody writes does not grow). A series nobody
 * writes still ages, so once an hour (by the clock) the lifetime of every property is applied to
 * all of its series. Its deletes go through the {@link Writer}'s queue, in their turn with the
 * writes (a write queued before a purge is purged with the rest), and it waits for them.
 */
public final class RetentionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
    private static final Pattern LIFETIME = Pattern.compile("(\\d+)(days|months|years)");
    /** Parsed lifetimes, -1 for one that keeps points for ever. */
    private static final Map<String, Long> LIFETIMES = new ConcurrentHashMap<>();

    static final long SWEEP_MS = 3_600_000L;

    private final Writer writer;
    private final ProfileCatalog catalog;
    private final InstantSource clock;
    private long nextSweep = Long.MIN_VALUE;

    public RetentionPurge(Writer writer, ProfileCatalog catalog, InstantSource clock) {
        this.writer = writer;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** One pass; returns how many points were deleted. */
    public synchronized int run() {
        int deleted = 0;
        Set<String> dirty = writer.takeDirty();
        long now = clock.millis();
        if (now >= nextSweep) {
            nextSweep = now + SWEEP_MS;
            deleted += sweep(now);
        }
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (String key : dirty) {
            int slash = key.indexOf('/');
            Property p = catalog.property(key.substring(slash + 1));
            if (p == null) {
                continue;
            }
            Long lifetime = lifetimeMs(p.retention().lifetime());
            if (lifetime != null || p.retention().capacity() > 0) {
                queued.add(writer.purgeSeries(
                        key.substring(0, slash),
                        p.id(),
                        lifetime == null ? null : now - lifetime,
                        p.retention().capacity()));
            }
        }
        return deleted + await(queued, "Retention purge of a series");
    }

    /** The lifetime of every historical property, for all of its series. */
    private int sweep(long now) {
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (Property p : catalog.allProperties()) {
            Long lifetime = lifetimeMs(p.retention().lifetime());
            if (lifetime != null && p.retention().keepsHistory()) {
                queued.add(writer.purgeProperty(p.id(), now - lifetime));
            }
        }
        return await(queued, "Lifetime purge of a property");
    }

    /** How many points the purges deleted; a failed one is logged (the writer logged its cause). */
    private static int await(List<CompletableFuture<Integer>> queued, String what) {
        int deleted = 0;
        for (CompletableFuture<Integer> f : queued) {
            try {
                deleted += f.join();
            } catch (CompletionException e) {
                LOG.warn(
                        "{} failed: {}",
                        what,
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }
        return deleted;
    }

    /** A lifetime ({@code 3months}) in ms, or null when it keeps points for ever; asked on every point. */
    static Long lifetimeMs(String lifetime) {
        Long ms = LIFETIMES.get(lifetime);
        if (ms == null) {
            if (LIFETIMES.size() > 1_000) {
                LIFETIMES.clear(); // profiles' lifetimes are few; only a flood of distinct ones lands here
            }
            ms = parse(lifetime);
            LIFETIMES.put(lifetime, ms);
        }
        return ms < 0 ? null : ms;
    }

    private static long parse(String lifetime) {
        Matcher m = LIFETIME.matcher(lifetime.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        long day = 86_400_000L;
        return switch (m.group(2)) {
            case "days" -> n * day;
            case "months" -> n * 30 * day;
            default -> n * 365 * day;
        };
    }
}
