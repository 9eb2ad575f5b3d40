package io.thingstead.api;

/** The bounds every HTTP request is held to (README: Security model). */
final class HttpLimits {
    /** Bodies above 1 MiB are refused with 413. */
    static final int MAX_BODY = 1024 * 1024;
    /** Of a body refused for its size, up to this much more is read and dropped so the client sees the 413. */
    static final long MAX_DISCARDED = 4L * MAX_BODY;
    /** A longer request line is refused with 414 (Helidon's default, stated here). */
    static final int MAX_REQUEST_LINE = 4096;
    /** Larger request headers are refused with 431 (Helidon's default, stated here). */
    static final int MAX_HEADERS = 16384;

    private HttpLimits() {}
}
