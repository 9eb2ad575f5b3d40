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

    @Test
    void accessAndPublish_areSpelledInLowerCase_andReadInAnyCase() {
        WireAssert.assertSpelledAs(Property.Access.class, "private", "protected", "public");
        WireAssert.assertSpelledAs(Property.Publish.class, "always", "changed", "never");
        assertThat(body("{'access':'Public'}").oneOf("access", Property.Access.class))
                .isEqualTo(Property.Access.PUBLIC);
        assertThatThrownBy(() -> body("{'access':'secret'}").oneOf("access", Property.Access.class))
                .hasMessage("'access' must be one of [private, protected, public], got 'secret'");
        assertThatThrownBy(() -> body("{'publish':'sometimes'}").oneOf("publish", Property.Publish.class))
                .hasMessage("'publish' must be one of [always, changed, never], got 'sometimes'");
    }

    @Test
    void retentionTypeAndCondition_areSpelledInLowerCase_andReadExactlyAsWritten() {
        WireAssert.assertSpelledAs(Retention.Type.class, "historical", "mostrecent");
        WireAssert.assertSpelledAs(Retention.When.class, "always", "changed", "changedx");
        Fields mostRecent = body("{'retention':{'type':'mostrecent','condition':{'when':'changed'}}}");
        assertThat(Retention.parse(mostRecent, Retention.DEFAULT))
                .isEqualTo(new Retention(
                        Retention.Type.MOSTRECENT,
                        "3months",
                        100_000,
                        new Retention.Condition(Retention.When.CHANGED, null)));
        assertThatThrownBy(() -> Retention.parse(body("{'retention':{'type':'MostRecent'}}"), Retention.DEFAULT))
                .hasMessage("'retention.type' must be one of [historical, mostrecent], got 'MostRecent'");
        assertThatThrownBy(
                        () -> Retention.parse(body("{'retention':{'condition':{'when':'Always'}}}"), Retention.DEFAULT))
                .hasMessage("'retention.condition.when' must be one of [always, changed, changedx], got 'Always'");
    }
}
