package io.thingstead.ingest;

import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.Retention;
import io.thingstead.timeseries.TimeSeries;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code lifetime} and {@code capacity} of historical properties in the background, for
 * the series written since its last run (a series nobody writes does not grow). A series nobody
 * writes still ages, so once an hour (by the clock) the lifetime of every property is applied to
 * all of its series.
 */
public final class RetentionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
    private static final Pattern LIFETIME = Pattern.compile("(\\d+)(days|months|years)");
    static final long SWEEP_MS = 3_600_000L;

    private final Writer writer;
    private final ProfileCatalog catalog;
    private final TimeSeries series;
    private final InstantSource clock;
    private long nextSweep = Long.MIN_VALUE;

    public RetentionPurge(Writer writer, ProfileCatalog catalog, TimeSeries series, InstantSource clock) {
        this.writer = writer;
        this.catalog = catalog;
        this.series = series;
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
        for (String key : dirty) {
            int slash = key.indexOf('/');
            String deviceId = key.substring(0, slash);
            Property p = catalog.property(key.substring(slash + 1));
            if (p == null) {
                continue;
            }
            try {
                Retention r = p.retention();
                Long lifetime = lifetimeMs(r.lifetime());
                if (lifetime != null) {
                    deleted += series.purgeBefore(deviceId, p.id(), now - lifetime);
                }
                if (r.capacity() > 0) {
                    deleted += series.purgeBeyond(deviceId, p.id(), r.capacity());
                }
            } catch (RuntimeException e) {
                LOG.warn("Retention purge of {} failed: {}", key, e.getMessage());
            }
        }
        return deleted;
    }

    private int sweep(long now) {
        int deleted = 0;
        for (Property p : catalog.allProperties()) {
            Long lifetime = lifetimeMs(p.retention().lifetime());
            if (lifetime != null && p.retention().keepsHistory()) {
                try {
                    deleted += series.purgeAllBefore(p.id(), now - lifetime);
                } catch (RuntimeException e) {
                    LOG.warn("Lifetime purge of property {} failed: {}", p.id(), e.getMessage());
                }
            }
        }
        return deleted;
    }

    static Long lifetimeMs(String lifetime) {
        Matcher m = LIFETIME.matcher(lifetime.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
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
