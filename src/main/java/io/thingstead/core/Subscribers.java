package io.thingstead.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Any number of subscribers to one kind of announcement, told in the order they subscribed. A
 * subscriber never replaces another; each leaves by closing its {@link Subscription}.
 */
public final class Subscribers<T> {
    private final List<T> all = new CopyOnWriteArrayList<>();

    public Subscription add(T subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber");
        // A holder per subscription, so that the same subscriber added twice leaves once per close.
        Object[] held = {subscriber};
        all.add(subscriber);
        return () -> {
            synchronized (held) {
                if (held[0] != null) {
                    all.remove(held[0]);
                    held[0] = null;
                }
            }
        };
    }

    /** Tells every subscriber, in order. */
    public void forEach(Consumer<? super T> tell) {
        all.forEach(tell);
    }

    /** Whether any subscriber answers yes (for subscribers that answer a question). */
    public boolean any(Predicate<? super T> test) {
        return all.stream().anyMatch(test);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }
}
