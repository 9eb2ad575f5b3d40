package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MethodPublishesTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void argument_isTheJsonValue_textAsAString_andNothingNull() {
        assertThat(MethodPublishes.argument(utf8("7")).asInt()).isEqualTo(7);
        assertThat(MethodPublishes.argument(utf8("{\"a\":1}")).get("a").asInt()).isEqualTo(1);
        assertThat(MethodPublishes.argument(utf8("door open")).asText()).isEqualTo("door open");
        assertThat(MethodPublishes.argument(new byte[0]).isNull()).isTrue();
    }

    @Test
    void argument_bytesThatAreNoText_areRefused() {
        assertThatThrownBy(() -> MethodPublishes.argument(new byte[] {(byte) 0xff, (byte) 0xfe, 1}))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> MethodPublishes.argument(utf8("a\u0001b"))).isInstanceOf(ApiException.class);
    }

    @Test
    void batch_keepsTheOrder_andAMissingValueIsNull() {
        var calls = MethodPublishes.batch(utf8("{\"dps\":[{\"method\":\"b\",\"value\":[7,4]},{\"method\":\"a\"}]}"));
        assertThat(calls).extracting(MethodPublishes.Call::method).containsExactly("b", "a");
        assertThat(calls.get(0).value().toString()).isEqualTo("[7,4]");
        assertThat(calls.get(1).value().isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "7",
                "[]",
                "{}",
                "{\"dps\":{}}",
                "{\"dps\":[]}",
                "{\"dps\":[1]}",
                "{\"dps\":[{\"method\":\"\"}]}",
                "{\"dps\":[{\"method\":\"a\",\"x\":1}]}",
                "{\"dps\":[{\"method\":\"a\"}],\"t\":1}"
            })
    void batch_thatIsMalformed_isRefusedWhole(String payload) {
        assertThatThrownBy(() -> MethodPublishes.batch(utf8(payload))).isInstanceOf(ApiException.class);
    }

    @Test
    void batch_ofMoreThanTheCap_isRefused() {
        String many = "{\"dps\":[" + "{\"method\":\"a\"},".repeat(MethodPublishes.MAX_BATCH) + "{\"method\":\"a\"}]}";
        assertThatThrownBy(() -> MethodPublishes.batch(utf8(many)))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("more than " + MethodPublishes.MAX_BATCH);
    }
}
