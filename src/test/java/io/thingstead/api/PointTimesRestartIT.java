package io.thingstead.api;

import static io.thingstead.api.DataItSupport.assertReceipt;
import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.api.MqttItSupport.Dev;
import io.thingstead.testing.Fixtures;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A time the server assigns after a restart is never at or before the latest time it assigned
 * before (README: Data, point times): the server's clock stands still across the restart here.
 */
class PointTimesRestartIT extends ClockedServerIt {
    @BeforeAll
    static void properties() {
        Fixtures.property(admin, profile, "{'name':'temp','type':'number','access':'public'}");
    }

    @Test
    void afterARestart_aServerTimedPoint_comesAfterTheStoredServerTimedOnes() {
        Dev d = device();
        assertReceipt(as(d).post("/v3/data/devices/_this_", Map.of("temp", 1)), 1, 0);
        assertReceipt(as(d).post("/v3/data/devices/_this_", Map.of("temp", 2)), 1, 0);

        server.restart();
        admin = server.admin();
        assertReceipt(as(d).post("/v3/data/devices/_this_", Map.of("temp", 3)), 1, 0);

        assertThat(DataItSupport.times(admin, d.id(), "temp").stream().map(Instant::parse))
                .containsExactly(START, START.plusMillis(1), START.plusMillis(2));
    }
}
