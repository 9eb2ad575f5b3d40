package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.thingstead.accounts.ApiKey;
import io.thingstead.accounts.KeyContext;
import io.thingstead.accounts.Principal;
import io.thingstead.events.Events;
import io.thingstead.events.Source;
import io.thingstead.events.StoredEvent;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.Retention;
import io.thingstead.timeseries.DataPoint;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The push rules, decided from a stored event alone (README: MQTT, pushes). */
class PushesTest {
    @ParameterizedTest(name = "{0} {1}, changed {2}, latest {3} → {4}")
    @CsvSource({
        "PUBLIC, ALWAYS, false, true, true",
        "PUBLIC, CHANGED, true, true, true",
        "PUBLIC, CHANGED, false, true, false",
        "PUBLIC, NEVER, true, true, false",
        "PUBLIC, ALWAYS, true, false, false",
        "PROTECTED, ALWAYS, true, true, false",
        "PRIVATE, ALWAYS, true, true, false",
    })
    void aPoint_isPushedByItsPropertysAccessAndPublish_whenNotBackfilled(
            Property.Access access, Property.Publish publish, boolean changed, boolean latest, boolean pushed) {
        Property prop = Events.property("_prp_1", "valve", access, publish, Retention.DEFAULT);
        DataPoint p = new DataPoint("_dev_1", prop.id(), 1, IntNode.valueOf(1), null);
        assertThat(Pushes.pushed(new StoredEvent.Point(prop, null, p, changed, latest, true)))
                .isEqualTo(pushed);
    }

    @Test
    void theDevicesOwnWrite_isPushedToNobody_butAGatewaysOrThePlatformsIs() {
        assertThat(Pushes.ownWrite(written("_dev_1", deviceKey("_dev_1")))).isTrue();
        assertThat(Pushes.ownWrite(written("_dev_1", deviceKey("_gw_1")))).isFalse();
        assertThat(Pushes.ownWrite(written("_dev_1", Principal.PLATFORM))).isFalse();
        assertThat(Pushes.ownWrite(written("_dev_1", new Principal.Method("_dev_1", "_acc_1", "m"))))
                .isFalse();
    }

    private static StoredEvent.PointsStored written(String device, Principal by) {
        return new StoredEvent.PointsStored(device, by, Source.PLATFORM, List.of());
    }

    private static Principal deviceKey(String device) {
        ApiKey k = new ApiKey(
                "_key_" + device,
                "s",
                device,
                "_acc_1",
                KeyContext.device(device),
                List.of(),
                -1,
                null,
                null,
                ApiKey.Owner.DEVICE);
        return new Principal.Key(k, "_acc_1", k.context(), Set.of());
    }
}
