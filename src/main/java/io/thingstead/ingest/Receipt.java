package io.thingstead.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The write receipt: Connio's two counts, and why each rejected point was rejected.
 *
 * @param rejections one per rejected point, in feed order
 */
public record Receipt(int accepted, int rejected, List<Rejection> rejections) {

    /**
     * One rejected point.
     *
     * @param index the position of the point in the feed's {@code dps}, or among the entries of a
     *     conventional object
     * @param prop the property the point named, as written, or null when it named none
     * @param kind whether the property is unknown or the point is not acceptable for it (decides the
     *     MQTT 5 reason code; not part of the receipt)
     */
    public record Rejection(
            int index,
            String prop,
            String reason,
            @JsonIgnore Kind kind) {}

    public enum Kind {
        UNKNOWN_PROPERTY,
        INVALID
    }

    /** Nothing of the write was stored although it held points. */
    public boolean nothingStored() {
        return accepted == 0 && rejected > 0;
    }

    /** Every point named a property the device does not have. */
    public boolean onlyUnknownProperties() {
        return nothingStored() && rejections.stream().allMatch(r -> r.kind() == Kind.UNKNOWN_PROPERTY);
    }
}
