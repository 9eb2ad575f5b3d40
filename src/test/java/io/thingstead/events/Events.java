package io.thingstead.events;

import com.fasterxml.jackson.databind.node.IntNode;
import io.thingstead.accounts.Principal;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyType;
import io.thingstead.profiles.Retention;
import io.thingstead.timeseries.DataPoint;
import java.util.List;

/** Properties and stored events for unit tests of the stream and its subscribers. */
public final class Events {
    private Events() {}

    /** A number property of {@code access} publishing {@code publish}, kept by {@code retention}. */
    public static Property property(
            String id, String name, Property.Access access, Property.Publish publish, Retention retention) {
        return new Property(
                id,
                "_acc_1",
                "_dpf_1",
                name,
                null,
                PropertyType.NUMBER,
                access,
                publish,
                null,
                null,
                retention,
                null,
                List.of(),
                false,
                "2026-01-01T00:00:00.000Z",
                "2026-01-01T00:00:00.000Z");
    }

    /** A public number property published always, kept always. */
    public static Property property(String id, String name) {
        return property(id, name, Property.Access.PUBLIC, Property.Publish.ALWAYS, Retention.DEFAULT);
    }

    /** One point of {@code device}, value {@code v} at {@code t}, stored by the platform. */
    public static StoredEvent.PointsStored stored(String device, int v, long t) {
        DataPoint p = new DataPoint(device, "_prp_1", t, IntNode.valueOf(v), null);
        StoredEvent.Point point = new StoredEvent.Point(property("_prp_1", "temperature"), null, p, true, true, true);
        return new StoredEvent.PointsStored(device, Principal.PLATFORM, Source.PLATFORM, List.of(point));
    }

    /** The value of the single point of a {@link #stored} event. */
    public static int value(StoredEvent e) {
        return ((StoredEvent.PointsStored) e).points().get(0).point().value().asInt();
    }
}
