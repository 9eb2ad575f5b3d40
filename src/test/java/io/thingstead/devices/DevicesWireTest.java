package io.thingstead.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.Fields;
import io.thingstead.profiles.ProfileCatalog;
import io.thingstead.testing.Entities;
import io.thingstead.testing.Http;
import io.thingstead.testing.WireAssert;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A device's status travels as Connio spells it, and a request's spelling is read once. */
class DevicesWireTest {
    private static final Device DEVICE = Entities.device("_dev_1", "_acc_1", "thermo", Map.of());

    private static Device update(String body) {
        return DeviceFields.update(
                Fields.of(Http.json(body), "", DeviceFields.KNOWN), DEVICE, Entities.T, new ProfileCatalog());
    }

    @Test
    void status_isSpelledInLowerCase_andReadInAnyCase() {
        WireAssert.assertSpelledAs(Device.Status.class, "enabled", "disabled", "debug");
        assertThat(update("{'status':'Debug'}").status()).isEqualTo(Device.Status.DEBUG);
        assertThat(update("{'status':null}").status()).isEqualTo(Device.Status.ENABLED);
        assertThat(update("{'name':'other'}").status()).isEqualTo(Device.Status.ENABLED);
    }

    @Test
    void status_ofNoMember_isRefused_namingTheChoices() {
        assertThatThrownBy(() -> update("{'status':'paused'}"))
                .hasMessage("'status' must be one of [enabled, disabled, debug], got 'paused'");
    }
}
