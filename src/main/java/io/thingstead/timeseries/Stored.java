package io.thingstead.timeseries;

/**
 * A point encoded for the store: numeric ids (the digits of {@code _dev_…} and {@code _prp_…}) and
 * JSON text. Encoding happens on the writing request's thread, so the single store writer only
 * stores.
 */
public record Stored(DataPoint point, long device, long property, Double numeric, String valueJson, String metaJson) {

    public static Stored of(DataPoint p) {
        return new Stored(
                p,
                digits(p.deviceId()),
                digits(p.propertyId()),
                p.numeric(),
                p.value().toString(),
                p.meta() == null ? null : p.meta().toString());
    }

    /** The number in an entity id: {@code _dev_123} → 123. */
    public static long digits(String id) {
        return Long.parseLong(id, id.indexOf('_', 1) + 1, id.length(), 10);
    }
}
