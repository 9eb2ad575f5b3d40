package io.thingstead.alerts;

/**
 * One step of a handler chain: runs the named notification, then the handler {@code next} after
 * {@code timeout} (at once without one; the chain ends without {@code next}).
 */
public record Handler(String key, String notification, String next, String timeout) {}
