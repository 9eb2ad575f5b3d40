package io.thingstead.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownTest {
    private final List<String> closed = new ArrayList<>();
    private final Shutdown shutdown = new Shutdown();

    @Test
    void close_closesThePartsInReverseOrderOfOpening() {
        shutdown.opened("lock", "lock", () -> closed.add("lock"));
        shutdown.opened("store", "store", () -> closed.add("store"));
        shutdown.opened("http", "http", () -> closed.add("http"));
        assertThat(shutdown.names()).containsExactly("http", "store", "lock");

        shutdown.close();

        assertThat(closed).containsExactly("http", "store", "lock");
        assertThat(shutdown.names()).isEmpty();
    }

    @Test
    void close_aPartThatFailsToClose_stillClosesTheRest() {
        shutdown.opened("lock", "lock", () -> closed.add("lock"));
        shutdown.opened("broken", "broken", () -> {
            throw new IllegalStateException("boom");
        });
        shutdown.opened("http", "http", () -> closed.add("http"));

        shutdown.close();

        assertThat(closed).containsExactly("http", "lock");
    }

    @Test
    void close_twice_closesEachPartOnce() {
        shutdown.opened("lock", "lock", () -> closed.add("lock"));

        shutdown.close();
        shutdown.close();

        assertThat(closed).containsExactly("lock");
    }

    @Test
    void opened_returnsThePart() {
        AutoCloseable part = () -> closed.add("part");

        assertThat(shutdown.opened("part", part)).isSameAs(part);
        shutdown.close();
        assertThat(closed).containsExactly("part");
    }
}
