package io.thingstead.ingest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.thingstead.core.Copies;
import java.util.List;

/**
 * The write receipt: Connio's two counts, how many accepted points replaced a stored point of the
 * same time (README: Data, point times), and why each rejected point was rejected.
 *
 * @param rejections one per rejected point, in feed order
 */
@JsonPropertyOrder({"accepted", "rejected", "replaced", "rejections"})
public record Receipt(int accepted, int rejected, int replaced, List<Rejection> rejections) {
    public Receipt {
        rejections = Copies.list(rejections);
    }

    public Receipt(int accepted, int rejected, List<Rejection> rejections) {
        this(accepted, rejected, 0, rejections);
    }

    /** This receipt once the store said how many points replaced a stored one. */
    public Receipt withReplaced(int n) {
        return new Receipt(accepted, rejected, n, rejections);
    }

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
