package io.thingstead.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplatesTest {
    @Test
    void everyVariableOfConnio_isAccepted() {
        for (String v : Templates.VARIABLES) {
            assertThat(Templates.check("message", "x ${" + v + "} y")).isEqualTo("x ${" + v + "} y");
        }
        assertThat(Templates.check("message", "no variables, $ and { and } alone"))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${device.nam}", "${}", "${ value}", "a ${value", "${value} and ${", "${Device.name}"})
    void unknownOrOpenVariables_areRefusedNamingTheField(String text) {
        assertThatThrownBy(() -> Templates.check("notifications[0].message", text))
                .isInstanceOf(ApiException.class)
                .hasMessageStartingWith("'notifications[0].message'");
    }

    @Test
    void render_replacesEachVariable_andLeavesTheRest() {
        assertThat(Templates.render(
                        "${device.name} is ${value} (was ${last_value}) $1 \\ ${timestamp}",
                        Map.of("device.name", "kitchen", "value", "21.5", "last_value", "20")))
                .isEqualTo("kitchen is 21.5 (was 20) $1 \\ ");
    }
}
