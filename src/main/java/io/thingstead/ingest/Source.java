package io.thingstead.ingest;

/** Where a write comes from: {@code rest} or {@code mqtt}, the remote IP, and the key used. */
public record Source(String protocol, String ip, String keyId) {}
