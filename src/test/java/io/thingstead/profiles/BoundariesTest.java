package io.thingstead.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.testing.Http;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class BoundariesTest {

    static JsonNode json(String text) {
        return Http.json(text);
    }

    /** Compares as JSON text, so an int and a long of one value are equal. */
    static void assertFlat(JsonNode actual, String expected) {
        assertThat(actual).isNotNull();
        assertThat(actual.toString()).isEqualTo(json(expected).toString());
    }

    static void assertRejected(PropertyType type, JsonNode raw, String field) {
        assertThatThrownBy(() -> Boundaries.normalize(type, raw))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining("'" + field + "'");
    }

    static Stream<Arguments> acceptedShapes() {
        return Stream.of(
                // number: flat and v2/SDK range
                Arguments.of(PropertyType.NUMBER, "{'min': 12.0, 'max': 18981.238}", "{'min': 12.0, 'max': 18981.238}"),
                Arguments.of(PropertyType.NUMBER, "{'range': {'min': -5, 'max': 5}}", "{'min': -5.0, 'max': 5.0}"),
                Arguments.of(PropertyType.NUMBER, "{'min': 3}", "{'min': 3.0}"),
                Arguments.of(PropertyType.NUMBER, "{'range': {'max': 3}}", "{'max': 3.0}"),
                Arguments.of(PropertyType.NUMBER, "{'min': 7, 'max': 7}", "{'min': 7.0, 'max': 7.0}"),
                Arguments.of(
                        PropertyType.NUMBER,
                        "{'context': {'type': 'default'}, 'range': {'min': 1, 'max': 2}}",
                        "{'min': 1.0, 'max': 2.0}"),
                // size: flat and {size: {value}}
                Arguments.of(PropertyType.STRING, "{'size': 250}", "{'size': 250}"),
                Arguments.of(PropertyType.STRING, "{'size': {'value': 250}}", "{'size': 250}"),
                Arguments.of(PropertyType.OBJECT, "{'size': 250000}", "{'size': 250000}"),
                Arguments.of(PropertyType.OBJECT, "{'size': {'value': 250000}}", "{'size': 250000}"),
                Arguments.of(PropertyType.BLOB, "{'size': 1000}", "{'size': 1000}"),
                Arguments.of(PropertyType.BLOB, "{'size': {'value': 1000}}", "{'size': 1000}"),
                Arguments.of(PropertyType.FILE, "{'size': 5000000}", "{'size': 5000000}"),
                // enum: flat, {enum: {set}}, v2 {enums: {text, numeric}}
                Arguments.of(
                        PropertyType.ENUM, "{'set': ['start','stop','pause']}", "{'set': ['start','stop','pause']}"),
                Arguments.of(PropertyType.ENUM, "{'set': [1,2,3]}", "{'set': [1,2,3]}"),
                Arguments.of(PropertyType.ENUM, "{'enum': {'set': ['on','off']}}", "{'set': ['on','off']}"),
                Arguments.of(
                        PropertyType.ENUM,
                        "{'enums': {'text': ['low','high'], 'numeric': [1,2]}}",
                        "{'set': ['low','high',1,2]}"),
                Arguments.of(PropertyType.ENUM, "{'enums': {'text': ['a']}}", "{'set': ['a']}"),
                Arguments.of(PropertyType.ENUM, "{'enums': {'numeric': [4]}}", "{'set': [4]}"),
                // waypoint: flat and v2 geofence with pos
                Arguments.of(
                        PropertyType.WAYPOINT,
                        "{'lat': 34.7587, 'lon': 49.9999, 'radius': 50, 'inside': true}",
                        "{'lat': 34.7587, 'lon': 49.9999, 'radius': 50.0, 'inside': true}"),
                Arguments.of(
                        PropertyType.WAYPOINT,
                        "{'lat': 1, 'lon': 2, 'radius': 3, 'inside': false}",
                        "{'lat': 1.0, 'lon': 2.0, 'radius': 3.0, 'inside': false}"),
                Arguments.of(
                        PropertyType.WAYPOINT,
                        "{'lat': 1, 'lon': 2, 'radius': 3}",
                        "{'lat': 1.0, 'lon': 2.0, 'radius': 3.0, 'inside': true}"),
                Arguments.of(
                        PropertyType.WAYPOINT,
                        "{'geofence': {'lat': 10, 'lon': 20, 'radius': 5, 'pos': 'in'}}",
                        "{'lat': 10.0, 'lon': 20.0, 'radius': 5.0, 'inside': true}"),
                Arguments.of(
                        PropertyType.WAYPOINT,
                        "{'geofence': {'lat': -90, 'lon': 180, 'radius': 0.5, 'pos': 'out'}}",
                        "{'lat': -90.0, 'lon': 180.0, 'radius': 0.5, 'inside': false}"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("acceptedShapes")
    void everyAcceptedShapeIsEmittedFlat(PropertyType type, String input, String flat) {
        assertFlat(Boundaries.normalize(type, json(input)), flat);
    }

    @ParameterizedTest
    @EnumSource(PropertyType.class)
    void absentNullOrEmptyBoundariesMeanNone(PropertyType type) {
        assertThat(Boundaries.normalize(type, null)).isNull();
        assertThat(Boundaries.normalize(type, JsonNodeFactory.instance.nullNode()))
                .isNull();
        assertThat(Boundaries.normalize(type, json("{}"))).isNull();
        assertThat(Boundaries.normalize(type, json("{'context': {'type': 'default'}}")))
                .isNull();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NUMBER   | {'min': 5, 'max': 4}                  | boundaries.min
            NUMBER   | {'range': {'min': 5, 'max': 4}}       | boundaries.range.min
            NUMBER   | {'size': 5}                           | boundaries.size
            NUMBER   | {'min': 'low'}                        | boundaries.min
            NUMBER   | {'range': 3}                          | boundaries.range
            STRING   | {'size': 1025}                        | boundaries.size
            STRING   | {'size': {'value': 1025}}             | boundaries.size.value
            STRING   | {'size': 0}                           | boundaries.size
            STRING   | {'size': -1}                          | boundaries.size
            STRING   | {'size': 1.5}                         | boundaries.size
            STRING   | {'size': {}}                          | boundaries.size.value
            STRING   | {'min': 1}                            | boundaries.min
            OBJECT   | {'size': 307201}                      | boundaries.size
            OBJECT   | {'size': {'value': 307201}}           | boundaries.size.value
            BLOB     | {'size': 1048577}                     | boundaries.size
            BLOB     | {'size': {'value': 1048577}}          | boundaries.size.value
            FILE     | {'size': 268435457}                   | boundaries.size
            ENUM     | {'set': []}                           | boundaries.set
            ENUM     | {'set': 'a'}                          | boundaries.set
            ENUM     | {'set': ['a','b','a']}                | boundaries.set[2]
            ENUM     | {'set': [1, 1]}                       | boundaries.set[1]
            ENUM     | {'set': ['']}                         | boundaries.set[0]
            ENUM     | {'set': [true]}                       | boundaries.set[0]
            ENUM     | {'set': [{'a': 1}]}                   | boundaries.set[0]
            ENUM     | {'enum': {'set': []}}                 | boundaries.enum.set
            ENUM     | {'enum': {'set': ['x','x']}}          | boundaries.enum.set[1]
            ENUM     | {'enums': {'text': [], 'numeric': []}} | boundaries.enums
            ENUM     | {'enums': {'text': ['a'], 'numeric': ['a']}} | boundaries.enums[1]
            ENUM     | {'enums': {'text': 'a'}}              | boundaries.enums.text
            ENUM     | {'min': 1}                            | boundaries.min
            NUMBER   | {'min': 1, 'boundary': 2}             | boundaries.boundary
            WAYPOINT | {'geofence': {'lat': 0, 'lon': 0, 'radius': 1, 'radus': 2}} | boundaries.geofence.radus
            WAYPOINT | {'lat': 91, 'lon': 0, 'radius': 1}    | boundaries.lat
            WAYPOINT | {'lat': 0, 'lon': -181, 'radius': 1}  | boundaries.lon
            WAYPOINT | {'lat': 0, 'lon': 0, 'radius': 0}     | boundaries.radius
            WAYPOINT | {'lat': 0, 'lon': 0}                  | boundaries.radius
            WAYPOINT | {'lon': 0, 'radius': 1}               | boundaries.lat
            WAYPOINT | {'lat': 0, 'lon': 0, 'radius': 1, 'inside': 'yes'} | boundaries.inside
            WAYPOINT | {'geofence': {'lat': 0, 'lon': 0, 'radius': 1, 'pos': 'around'}} | boundaries.geofence.pos
            WAYPOINT | {'geofence': {'lat': 95, 'lon': 0, 'radius': 1}} | boundaries.geofence.lat
            BOOLEAN  | {'min': 0, 'max': 1}                  | boundaries
            BOOLEAN  | {'set': [true, false]}                | boundaries
            """)
    void invalidBoundariesAreRejectedNamingTheField(PropertyType type, String input, String field) {
        assertRejected(type, json(input), field);
    }

    @ParameterizedTest
    @CsvSource({"STRING, 1024", "OBJECT, 307200", "BLOB, 1048576", "FILE, 268435456", "STRING, 1"})
    void sizeIsAcceptedUpToTheCapOfItsType(PropertyType type, long size) {
        assertFlat(Boundaries.normalize(type, json("{'size': " + size + "}")), "{'size': " + size + "}");
        assertFlat(Boundaries.normalize(type, json("{'size': {'value': " + size + "}}")), "{'size': " + size + "}");
    }

    @Test
    void capsPerTypeAreThoseOfTheReference() {
        assertThat(PropertyType.STRING.maxSize()).isEqualTo(1024);
        assertThat(PropertyType.OBJECT.maxSize()).isEqualTo(300 * 1024);
        assertThat(PropertyType.BLOB.maxSize()).isEqualTo(1024 * 1024);
        assertThat(PropertyType.FILE.maxSize()).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void anEnumSetOfExactly100ItemsIsAcceptedAnd101Rejected() {
        ArrayNode hundred = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 100; i++) {
            hundred.add("v" + i);
        }
        var ok = JsonNodeFactory.instance.objectNode();
        ok.set("set", hundred);
        assertThat(Boundaries.normalize(PropertyType.ENUM, ok).get("set")).hasSize(100);

        ArrayNode more = hundred.deepCopy().add("v100");
        var tooMany = JsonNodeFactory.instance.objectNode();
        tooMany.set("set", more);
        assertRejected(PropertyType.ENUM, tooMany, "boundaries.set");

        var v2 = JsonNodeFactory.instance.objectNode();
        v2.putObject("enums").set("text", more);
        assertRejected(PropertyType.ENUM, v2, "boundaries.enums");
    }

    @Test
    void enumItemsOfUpTo64CharactersAreAcceptedLongerRejected() {
        String ok = "x".repeat(64);
        assertThat(Boundaries.normalize(PropertyType.ENUM, json("{'set': ['" + ok + "']}")))
                .isEqualTo(json("{'set': ['" + ok + "']}"));
        assertRejected(PropertyType.ENUM, json("{'set': ['" + ok + "y']}"), "boundaries.set[0]");
    }

    @Test
    void nonObjectBoundariesAreRejected() {
        assertRejected(PropertyType.NUMBER, json("[1, 2]"), "boundaries");
        assertRejected(PropertyType.STRING, json("'big'"), "boundaries");
    }
}
