package io.thingstead.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.Fields;
import io.thingstead.testing.Http;
import io.thingstead.testing.WireAssert;
import org.junit.jupiter.api.Test;

/** The closed sets of property definitions travel as Connio spells them, and a request's spelling is read once. */
class ProfilesWireTest {
    private static Fields body(String json) {
        return Fields.of(Http.json(json), "", PropertyService.KNOWN);
    }

    @Test
    void propertyType_isSpelledInLowerCase_andReadInAnyCase() {
        WireAssert.assertSpelledAs(
                PropertyType.class, "number", "waypoint", "boolean", "string", "enum", "object", "file", "blob");
        assertThat(body("{'type':'Waypoint'}").oneOf("type", PropertyType.class))
                .isEqualTo(PropertyType.WAYPOINT);
        assertThatThrownBy(() -> body("{'type':'integer'}").oneOf("type", PropertyType.class))
                .hasMessage(
                        "'type' must be one of [number, waypoint, boolean, string, enum, object, file, blob], got 'integer'");
    }
}
