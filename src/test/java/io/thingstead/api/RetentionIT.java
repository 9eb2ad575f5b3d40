package io.thingstead.api;

import static io.thingstead.api.DataReadSupport.feed;
import static io.thingstead.api.DataReadSupport.point;
import static io.thingstead.api.DataReadSupport.values;
import static io.thingstead.api.DataReadSupport.write;
import static io.thingstead.testing.ApiAssert.body;
import static io.thingstead.testing.Fixtures.asDevice;
import static io.thingstead.testing.Fixtures.deviceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import io.thingstead.testing.MutableClock;
import io.thingstead.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retention: {@code mostrecent}, the {@code changed}/{@code changedx} conditions, capacity and lifetime purges. */
class RetentionIT {
    static MutableClock clock = new MutableClock(Instant.parse("2031-07-01T00:00:00Z"));
    static TestServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServer.start(clock);
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A device whose profile has one number property {@code v} with the given retention; returns its id. */
    private static String deviceWith(String retention) {
        String profile = Fixtures.newProfile(
                admin,
                "/v3",
                "ConnectedDevice",
                "{'name':'v','type':'number','access':'protected','retention':" + retention + "}");
        return deviceId(admin, profile, 0);
    }

    private static List<Double> historyAsc(String id) {
        JsonNode r = body(admin.get("/v3/data/devices/" + id + "/properties/v?order=asc&limit=1000"));
        return values(r).stream().map(JsonNode::asDouble).toList();
    }

    private static double latest(String id) {
        return body(admin.get("/v3/data/devices/" + id)).get("v").asDouble();
    }

    private static List<Instant> secondsBefore(Instant end, int n) {
        List<Instant> out = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            out.add(end.minusSeconds(i));
        }
        return out;
    }

    private static void writeAll(String id, List<? extends Number> values) {
        write(
                asDevice(admin, id),
                "/v3/data/properties/v",
                feed(secondsBefore(clock.instant(), values.size()), values),
                values.size(),
                0);
    }

    @Test
    void mostRecent_keepsOnlyTheLatestValue() {
        String id = deviceWith("{'type':'mostrecent'}");

        writeAll(id, List.of(1, 2, 3));
        write(asDevice(admin, id), "/v3/data/properties/v", point(4), 1, 0);

        assertThat(latest(id)).isEqualTo(4.0);
        assertThat(historyAsc(id)).containsExactly(4.0);
    }

    @Test
    void changed_storesOnlyValuesThatDifferFromThePreviousOne() {
        String id = deviceWith("{'condition':{'when':'changed'}}");

        writeAll(id, List.of(5, 5, 6, 6, 5));

        assertThat(historyAsc(id)).containsExactly(5.0, 6.0, 5.0);
        assertThat(latest(id)).isEqualTo(5.0);
    }

    @Test
    void changed_comparesAcrossSeparateWrites() {
        String id = deviceWith("{'condition':{'when':'changed'}}");
        Http dev = asDevice(admin, id);

        write(dev, "/v3/data/properties/v", point(7), 1, 0);
        clock.advance(Duration.ofSeconds(1));
        write(dev, "/v3/data/properties/v", point(7), 1, 0);
        clock.advance(Duration.ofSeconds(1));
        write(dev, "/v3/data/properties/v", point(8), 1, 0);

        assertThat(historyAsc(id)).containsExactly(7.0, 8.0);
    }

    @Test
    void changedx_storesOnlyChangesOfAtLeastThePercentage() {
        String id = deviceWith("{'condition':{'when':'changedx','value':10}}");

        // 105 is +5 % of 100; 110 is +10 %; 115 is +4.5 % of 110; 98 is -10.9 % of 110; 99 is +1 %.
        writeAll(id, List.of(100, 105, 110, 115, 98, 99));

        assertThat(historyAsc(id)).containsExactly(100.0, 110.0, 98.0);
    }

    @Test
    void capacity_keepsTheNewestPointsAfterThePurge() {
        String id = deviceWith("{'capacity':5}");

        writeAll(id, IntStream.range(0, 20).boxed().toList());
        assertThat(historyAsc(id)).hasSize(20);

        assertThat(server.purgeNow()).isGreaterThanOrEqualTo(15);

        assertThat(historyAsc(id)).containsExactly(15.0, 16.0, 17.0, 18.0, 19.0);
        assertThat(latest(id)).isEqualTo(19.0);
    }

    @Test
    void lifetime_purgesPointsThatAgedPastItAndKeepsRecentOnes() {
        String id = deviceWith("{'lifetime':'1days'}");
        Instant now = clock.instant();
        List<Instant> times = List.of(
                now.minus(Duration.ofHours(23)),
                now.minus(Duration.ofHours(22)),
                now.minus(Duration.ofHours(20)),
                now.minusSeconds(60));
        write(asDevice(admin, id), "/v3/data/properties/v", feed(times, List.of(1, 2, 3, 4)), 4, 0);

        clock.advance(Duration.ofMinutes(150));
        server.purgeNow();

        assertThat(historyAsc(id)).containsExactly(3.0, 4.0);
    }

    @Test
    void lifetime_purgesASeriesThatAgesWithoutNewWrites() {
        String id = deviceWith("{'lifetime':'1days'}");
        Instant now = clock.instant();
        write(
                asDevice(admin, id),
                "/v3/data/properties/v",
                feed(List.of(now.minus(Duration.ofHours(20)), now.minusSeconds(60)), List.of(1, 2)),
                2,
                0);
        server.purgeNow();
        assertThat(historyAsc(id)).containsExactly(1.0, 2.0);

        clock.advance(Duration.ofHours(6));
        server.purgeNow();

        assertThat(historyAsc(id)).containsExactly(2.0);
    }
}
