package io.thingstead.ingest;

import io.thingstead.data.TimeSeries;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.Retention;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@code lifetime} and {@code capacity} of historical properties in the background, for
 * the series written since its last run (a series nobody writes does not grow).
 */
public final class RetentionPurge {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
    private static final Pattern LIFETIME = Pattern.compile("(\\d+)(days|months|years)");

    private final Writer writer;
    private final ProfileCatalog catalog;
    private final TimeSeries series;
    private final InstantSource clock;

    public RetentionPurge(Writer writer, ProfileCatalog catalog, TimeSeries series, InstantSource clock) {
        this.writer = writer;
        this.catalog = catalog;
        this.series = series;
        this.clock = clock;
    }

    /** One pass; returns how many points were deleted. */
    public int run() {
        int deleted = 0;
        Set<String> dirty = writer.takeDirty();
        long now = clock.millis();
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
