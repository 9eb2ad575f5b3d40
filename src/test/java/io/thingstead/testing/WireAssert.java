package io.thingstead.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.core.JsonInput;
import io.thingstead.core.Wire;
import java.util.EnumSet;
import java.util.List;

/** Checks that a closed set travels as Connio spells it, in bodies and in stored documents alike. */
public final class WireAssert {
    /** As the entity store reads and writes documents. */
    private static final ObjectMapper STORE =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WireAssert() {}

    /**
     * The members of {@code type}, in order, are spelled {@code spellings}; each is written as its
     * spelling and read back from it by the API's mapper and the store's; a spelling of no member
     * is not read.
     */
    public static <E extends Enum<E>> void assertSpelledAs(Class<E> type, String... spellings) {
        assertThat(Wire.spellings(EnumSet.allOf(type))).containsExactly(spellings);
        for (ObjectMapper mapper : List.of(STORE, JsonInput.MAPPER)) {
            for (E member : type.getEnumConstants()) {
                String json = "\"" + member + "\"";
                assertThat(write(mapper, member)).isEqualTo(json);
                assertThat(read(mapper, json, type)).isEqualTo(member);
            }
            assertThatThrownBy(() -> mapper.readValue("\"no-such-member\"", type))
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T read(ObjectMapper mapper, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
