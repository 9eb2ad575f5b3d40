package io.thingstead.events;

/**
 * Where a write comes from: {@code rest}, {@code mqtt} or {@code platform} (what the platform
 * writes by itself, e.g. {@code inactive} after a silent period), the remote IP, and the key used.
 */
public record Source(String protocol, String ip, String keyId) {
    /** The platform writing on its own: no connection, no key. */
    public static final Source PLATFORM = new Source("platform", null, null);
}
