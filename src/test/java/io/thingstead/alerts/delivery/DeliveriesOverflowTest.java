package io.thingstead.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.alerts.Alert;
import io.thingstead.alerts.Notification;
import io.thingstead.alerts.Outgoing;
import io.thingstead.core.Ids;
import io.thingstead.testing.Entities;
import io.thingstead.testing.MutableClock;
import io.thingstead.timeseries.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full notification queue: what it could not take is counted and logged once per device every
 * {@link Deliveries#OVERFLOW_LINE_EVERY}, and the devices remembered for that do not grow without
 * bound (docs/alerts.md: Notifications).
 */
class DeliveriesOverflowTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final List<LogEntry> lines = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    /** One notification waits at most, one runs per device; every method call hangs until released. */
    private final Deliveries deliveries = new Deliveries(
            DeliverySettings.DEFAULT.withBounds(1, 1),
            lines::addAll,
            new Ids(clock),
            clock,
            null,
            (device, method, parameter, depth) -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Outcome.Sent("released");
            });

    private static final Alert ALERT = new Alert(
            "_ale_1",
            "_acc_1",
            "_dpf_1",
            "hot",
            null,
            null,
            List.of(),
            "_prp_1",
            null,
            Alert.Status.ENABLED,
            null,
            List.of(),
            null,
            List.of(),
            false,
            "2026-01-01T00:00:00.000Z",
            "2026-01-01T00:00:00.000Z");

    private static Outgoing to(String deviceId) {
        return new Outgoing(
                ALERT,
                Entities.device(deviceId, "_acc_1", deviceId, Map.of()),
                new Notification.Method("act", "stop", null),
                Map.of(),
                0);
    }

    @AfterEach
    void releaseAndClose() {
        release.countDown();
        deliveries.close();
    }

    @Test
    void theDevicesRememberedForOverflowLines_areBounded_oldLinesForgotten() throws Exception {
        deliveries.send(to("_dev_busy"));
        started.await(); // it runs (and hangs): the next one of its device waits, and fills the queue
        deliveries.send(to("_dev_busy"));
        assertThat(deliveries.overflowed()).isZero();

        int many = Deliveries.OVERFLOW_DEVICES_KEPT + 100;
        for (int i = 0; i < many; i++) {
            deliveries.send(to("_dev_" + i));
        }
        assertThat(deliveries.overflowed()).as("the queue is full").isEqualTo(many);
        assertThat(deliveries.overflowDevices()).isGreaterThan(Deliveries.OVERFLOW_DEVICES_KEPT);
        assertThat(lines).filteredOn(e -> e.deviceId().equals("_dev_7")).hasSize(1);

        clock.advance(Deliveries.OVERFLOW_LINE_EVERY.plus(Duration.ofSeconds(1)));
        deliveries.send(to("_dev_late"));

        assertThat(deliveries.overflowDevices())
                .as("the lines older than the window forgotten")
                .isEqualTo(1);
        deliveries.send(to("_dev_7"));
        assertThat(lines)
                .filteredOn(e -> e.deviceId().equals("_dev_7"))
                .hasSize(2)
                .last()
                .extracting(LogEntry::message)
                .asString()
                .contains("too many notifications are waiting to be delivered");
    }
}
