package io.thingstead.core;

/** A subscription to what a component announces; closing it stops the announcements (once is enough). */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
