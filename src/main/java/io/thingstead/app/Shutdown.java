package io.thingstead.app;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shutdown list of a start: each part registers its close as soon as it is opened, and
 * {@link #close} closes them in reverse order, on stop and on a start that fails half way, so a
 * part closes while everything it uses still runs. A close that fails is logged and the rest
 * still close (the store lock last of all).
 */
final class Shutdown implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private record Part(String name, AutoCloseable close) {}

    private final Deque<Part> parts = new ArrayDeque<>();

    /** Registers {@code part}, just opened, to be closed by its own {@code close}; returns it. */
    <T extends AutoCloseable> T opened(String name, T part) {
        return opened(name, part, part);
    }

    /** Registers {@code close} as what stops {@code part}, just opened; returns the part. */
    synchronized <T> T opened(String name, T part, AutoCloseable close) {
        parts.push(new Part(name, close));
        return part;
    }

    /** The names of the parts open now, in the order they will close. */
    synchronized List<String> names() {
        List<String> out = new ArrayList<>();
        parts.forEach(p -> out.add(p.name()));
        return out;
    }

    /** Closes every part registered, the last opened first; a second call closes nothing. */
    @Override
    public synchronized void close() {
        Part p;
        while ((p = parts.poll()) != null) {
            try {
                p.close().close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", p.name(), e.toString(), e);
            }
        }
    }
}
