package io.thingstead.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict JSON reader every REST body and MQTT payload goes through. */
class JsonInputTest {
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertMalformed(byte[] bytes, String messagePart) {
        assertThatThrownBy(() -> JsonInput.parse(bytes, "body"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.MALFORMED_JSON))
                .hasMessageContaining(messagePart);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{",
                "{\"a\":}",
                "[1,]",
                "{} x",
                "{'a':1}",
                "{\"a\":NaN}",
                "[Infinity]",
                "[-Infinity]",
                "{\"a\":1,\"a\":2}"
            })
    void malformedJson_isRefused(String body) {
        assertMalformed(utf8(body), "not valid JSON");
    }

    @Test
    void emptyOrBlank_isRefusedAsMissing() {
        assertMalformed(new byte[0], "A JSON body is required");
        assertMalformed(utf8("  \n"), "A JSON body is required");
    }

    @Test
    void numbersBeyondADouble_areRefused_butLongIntegersAreKept() {
        assertMalformed(utf8("{\"v\":1e400}"), "beyond the range of a double");
        assertMalformed(utf8("[[-1e400]]"), "beyond the range of a double");
        assertMalformed(utf8("[1" + "0".repeat(1200) + "]"), "not valid JSON");

        assertThat(JsonInput.parse(utf8("[12345678901234567890123]"), "body")
                        .get(0)
                        .toString())
                .isEqualTo("12345678901234567890123");
    }

    @Test
    void nestingIsBounded_soADeepDocumentIsRefused_notAStackOverflow() {
        JsonInput.parse(utf8("[".repeat(JsonInput.MAX_DEPTH) + "]".repeat(JsonInput.MAX_DEPTH)), "body");

        assertMalformed(utf8("[".repeat(100_000)), "nesting depth");
        assertMalformed(utf8("{\"a\":".repeat(100_000)), "nesting depth");
    }

    @Test
    void onlyUtf8_isRead_withAnOptionalByteOrderMark() {
        assertThat(JsonInput.parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'}, "body")
                        .isObject())
                .isTrue();
        assertMalformed("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE), "must be JSON in UTF-8");
        assertMalformed("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), "must be JSON in UTF-8");
        assertMalformed("{\"a\":1}".getBytes(StandardCharsets.UTF_16), "must be JSON in UTF-8");
        assertMalformed(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}, "Invalid UTF-8");
        assertMalformed(new byte[] {'[', '"', (byte) 0xFF, '"', ']'}, "Invalid UTF-8");
    }

    @Test
    void unpairedSurrogates_areRefused_inValuesAndKeys() {
        assertMalformed(utf8("[\"\\ud800\"]"), "unpaired");
        assertMalformed(utf8("[\"a\\udc00\"]"), "unpaired");
        assertMalformed(utf8("{\"\\ud800x\":1}"), "surrogate");

        assertThat(JsonInput.parse(utf8("[\"\\ud83d\\ude00\"]"), "body").get(0).textValue())
                .isEqualTo("😀");
    }
}
