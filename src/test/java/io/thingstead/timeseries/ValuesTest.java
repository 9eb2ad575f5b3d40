package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.thingstead.profiles.Property;
import io.thingstead.profiles.PropertyType;
import io.thingstead.testing.Entities;
import io.thingstead.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each value is checked against its property's type and boundaries; the answer is why it is refused, or null. */
class ValuesTest {
    private static Property prop(PropertyType type, String boundaries) {
        return Entities.property(
                "_prp_1", "_acc_1", "_dpf_1", "p", type, boundaries == null ? null : Http.json(boundaries));
    }

    private static String check(PropertyType type, String boundaries, String value) {
        return Values.check(prop(type, boundaries), Http.json(value));
    }

    private static String check(PropertyType type, String value) {
        return check(type, null, value);
    }

    @ParameterizedTest
    @EnumSource(PropertyType.class)
    void noValue_isRefused_whateverTheType(PropertyType type) {
        assertThat(Values.check(prop(type, null), null)).isEqualTo("has no value");
        assertThat(Values.check(prop(type, null), NullNode.getInstance())).isEqualTo("has no value");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "NUMBER   | 21       | 21.5",
                "NUMBER   | -40      | 1e3",
                "BOOLEAN  | true     | false",
                "STRING   | 'on'     | ''",
                "FILE     | 'a.txt'  | ''",
                "BLOB     | 'aGk='   | 'aGk'",
                "OBJECT   | {'a':1}  | [1,2]",
                "ENUM     | 'on'     | 3",
                "WAYPOINT | {'geo':{'lat':48.85,'lon':2.35}} | {'geo':{'lat':-90,'lon':180}}"
            })
    void aValueOfTheType_isTaken(PropertyType type, String one, String other) {
        assertThat(check(type, one)).isNull();
        assertThat(check(type, other)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "NUMBER   | '21'          | must be a number",
                "NUMBER   | true          | must be a number",
                "BOOLEAN  | 'true'        | must be true or false",
                "BOOLEAN  | 1             | must be true or false",
                "STRING   | 21            | must be a string",
                "FILE     | {}            | must be a string",
                "BLOB     | 'not base64!' | must be base64 text",
                "BLOB     | 12            | must be base64 text",
                "OBJECT   | 'text'        | must be a JSON object or array",
                "ENUM     | {'a':1}       | must be a text or a number",
                "ENUM     | true          | must be a text or a number",
                "WAYPOINT | {'lat':1,'lon':2}           | must be {\"geo\": {\"lat\": n, \"lon\": n}}",
                "WAYPOINT | {'geo':{'lat':'1','lon':2}} | must be {\"geo\": {\"lat\": n, \"lon\": n}}",
                "WAYPOINT | {'geo':{'lat':91,'lon':0}}  | has a latitude or longitude out of range",
                "WAYPOINT | {'geo':{'lat':0,'lon':-181}} | has a latitude or longitude out of range"
            })
    void aValueOfAnotherType_isRefused_sayingWhatItMustBe(PropertyType type, String value, String reason) {
        assertThat(check(type, value)).isEqualTo(reason);
    }

    @Test
    void blob_takesUrlSafeBase64_asWellAsStandard() {
        assertThat(check(PropertyType.BLOB, "'-_8='")).isNull();
        assertThat(check(PropertyType.BLOB, "'+/8='")).isNull();
    }

    @Test
    void number_outsideItsRange_isRefused_namingTheBound() {
        String range = "{'min':-40,'max':125}";

        assertThat(check(PropertyType.NUMBER, range, "-40")).isNull();
        assertThat(check(PropertyType.NUMBER, range, "125")).isNull();
        assertThat(check(PropertyType.NUMBER, range, "-40.5")).isEqualTo("is below the minimum -40");
        assertThat(check(PropertyType.NUMBER, range, "999")).isEqualTo("is above the maximum 125");
        assertThat(check(PropertyType.NUMBER, "{'max':10}", "-1e9")).isNull();
    }

    @Test
    void text_overItsTypesCap_isRefused_countingUtf8Bytes() {
        String atCap = "'" + "a".repeat(1024) + "'";
        String overCap = "'" + "é".repeat(513) + "'";

        assertThat(check(PropertyType.STRING, atCap)).isNull();
        assertThat(check(PropertyType.STRING, overCap)).isEqualTo("is 1026 bytes, more than 1024");
    }

    @Test
    void text_overItsSizeBoundary_isRefused() {
        assertThat(check(PropertyType.STRING, "{'size':4}", "'abcd'")).isNull();
        assertThat(check(PropertyType.STRING, "{'size':4}", "'abcde'")).isEqualTo("is 5 bytes, more than 4");
        assertThat(check(PropertyType.OBJECT, "{'size':7}", "{'a':12}")).isEqualTo("is 8 bytes, more than 7");
    }

    @Test
    void enum_takesOnlyAMemberOfItsSet_comparingTheTextOfNumbers() {
        String set = "{'set':['on','off',3]}";

        assertThat(check(PropertyType.ENUM, set, "'off'")).isNull();
        assertThat(check(PropertyType.ENUM, set, "3")).isNull();
        assertThat(check(PropertyType.ENUM, set, "'3'")).isNull();
        assertThat(check(PropertyType.ENUM, set, "'On'")).isEqualTo("'On' is not one of [\"on\",\"off\",3]");
        assertThat(check(PropertyType.ENUM, "'" + "x".repeat(65) + "'")).isEqualTo("must be at most 64 characters");
    }

    @Test
    void waypoint_isCheckedAgainstItsGeofence_insideOrOutside() {
        String paris = "{'geo':{'lat':48.8566,'lon':2.3522}}";
        String london = "{'geo':{'lat':51.5074,'lon':-0.1278}}";
        String inside = "{'lat':48.85,'lon':2.35,'radius':10,'inside':true}";
        String outside = "{'lat':48.85,'lon':2.35,'radius':10,'inside':false}";

        assertThat(check(PropertyType.WAYPOINT, inside, paris)).isNull();
        assertThat(check(PropertyType.WAYPOINT, inside, london)).isEqualTo("is outside the geofence");
        assertThat(check(PropertyType.WAYPOINT, outside, london)).isNull();
        assertThat(check(PropertyType.WAYPOINT, outside, paris)).isEqualTo("is inside the geofence");
    }

    @Test
    void distanceKm_isTheGreatCircleDistance() {
        assertThat(Values.distanceKm(48.8566, 2.3522, 51.5074, -0.1278)).isCloseTo(343.5, within(1.0));
        assertThat(Values.distanceKm(10, 20, 10, 20)).isZero();
    }

    @Test
    void aValue_isCheckedAsItIs_neverConvertedToTheType() {
        JsonNode text = Http.json("'21.5'");
        JsonNode number = Http.json("21.5");

        assertThat(Values.check(prop(PropertyType.NUMBER, null), text)).isEqualTo("must be a number");
        assertThat(Values.check(prop(PropertyType.STRING, null), number)).isEqualTo("must be a string");
    }
}
