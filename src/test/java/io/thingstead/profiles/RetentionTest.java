package io.thingstead.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.testing.Http;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionTest {

    static Retention parse(String body, Retention base) {
        return Retention.parse(Fields.of(Http.json(body), "", FieldSet.of("retention", "name")), base);
    }

    static void assertRejected(String body, Retention base, String field) {
        assertThatThrownBy(() -> parse(body, base))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining("'" + field + "'");
    }

    @Test
    void defaultIsExactlyTheReferenceRetention() {
        assertThat(Retention.DEFAULT)
                .isEqualTo(new Retention(
                        Retention.Type.HISTORICAL,
                        "3months",
                        100_000,
                        new Retention.Condition(Retention.When.ALWAYS, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'retention': null}", "{'name': 'x'}"})
    void absentRetentionKeepsTheBase(String body) {
        assertThat(parse(body, Retention.DEFAULT)).isEqualTo(Retention.DEFAULT);
    }

    @Test
    void anEmptyRetentionObjectIsTheBase() {
        assertThat(parse("{'retention': {}}", Retention.DEFAULT)).isEqualTo(Retention.DEFAULT);
    }

    @Test
    void givenFieldsAreMergedOverTheBase() {
        Retention r = parse("{'retention': {'capacity': 500}}", Retention.DEFAULT);
        assertThat(r)
                .isEqualTo(new Retention(
                        Retention.Type.HISTORICAL,
                        "3months",
                        500,
                        new Retention.Condition(Retention.When.ALWAYS, null)));

        Retention next = parse("{'retention': {'type': 'mostrecent', 'lifetime': '2years'}}", r);
        assertThat(next)
                .isEqualTo(new Retention(
                        Retention.Type.MOSTRECENT,
                        "2years",
                        500,
                        new Retention.Condition(Retention.When.ALWAYS, null)));
    }

    @Test
    void fullRetentionIsTakenAsGiven() {
        Retention r = parse(
                "{'retention': {'type': 'historical', 'lifetime': 'unlimited', 'capacity': 0,"
                        + " 'condition': {'when': 'changedx', 'value': 15}}}",
                Retention.DEFAULT);
        assertThat(r)
                .isEqualTo(new Retention(
                        Retention.Type.HISTORICAL,
                        "unlimited",
                        0,
                        new Retention.Condition(Retention.When.CHANGEDX, 15)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unlimited", "1days", "30days", "3months", "12months", "10years", "999999days"})
    void validLifetimesAreAccepted(String lifetime) {
        assertThat(parse("{'retention': {'lifetime': '" + lifetime + "'}}", Retention.DEFAULT)
                        .lifetime())
                .isEqualTo(lifetime);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "0days", "3weeks", "3 months", "-1days", "forever", "1000000days", "03months"})
    void badLifetimesAreRejected(String lifetime) {
        assertRejected("{'retention': {'lifetime': '" + lifetime + "'}}", Retention.DEFAULT, "retention.lifetime");
    }

    @Test
    void capacityZeroMeansUnlimitedAndNegativeIsRejected() {
        assertThat(parse("{'retention': {'capacity': 0}}", Retention.DEFAULT).capacity())
                .isZero();
        assertRejected("{'retention': {'capacity': -1}}", Retention.DEFAULT, "retention.capacity");
        assertRejected("{'retention': {'capacity': 'many'}}", Retention.DEFAULT, "retention.capacity");
        assertRejected("{'retention': {'capacity': 1.5}}", Retention.DEFAULT, "retention.capacity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'forever'", "'HISTORY'", "5"})
    void badTypeIsRejected(String type) {
        assertRejected("{'retention': {'type': " + type + "}}", Retention.DEFAULT, "retention.type");
    }

    @org.junit.jupiter.api.Test
    void changedxWithoutValue_keepsTheStoredPercentage() {
        Retention stored = new Retention(
                Retention.Type.HISTORICAL, "3months", 100_000, new Retention.Condition(Retention.When.CHANGEDX, 3));
        Retention r = parse("{'retention': {'condition': {'when': 'changedx'}}}", stored);
        assertThat(r.condition()).isEqualTo(new Retention.Condition(Retention.When.CHANGEDX, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void changedxTakesAPercentageFrom1To100(int value) {
        Retention r =
                parse("{'retention': {'condition': {'when': 'changedx', 'value': " + value + "}}}", Retention.DEFAULT);
        assertThat(r.condition()).isEqualTo(new Retention.Condition(Retention.When.CHANGEDX, value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {'when': 'changedx'}                 | retention.condition.value
            {'when': 'changedx', 'value': 0}     | retention.condition.value
            {'when': 'changedx', 'value': 101}   | retention.condition.value
            {'when': 'changedx', 'value': -5}    | retention.condition.value
            {'when': 'changedx', 'value': 'ten'} | retention.condition.value
            {'when': 'sometimes'}                | retention.condition.when
            {'when': 3}                          | retention.condition.when
            """)
    void badConditionsAreRejected(String condition, String field) {
        assertRejected("{'retention': {'condition': " + condition + "}}", Retention.DEFAULT, field);
    }

    @Test
    void conditionOtherThanChangedxCarriesNoValue() {
        Retention r = parse("{'retention': {'condition': {'when': 'changed', 'value': 20}}}", Retention.DEFAULT);
        assertThat(r.condition()).isEqualTo(new Retention.Condition(Retention.When.CHANGED, null));
    }

    @Test
    void nonObjectRetentionIsRejected() {
        assertRejected("{'retention': 'forever'}", Retention.DEFAULT, "retention");
        assertRejected("{'retention': {'condition': 'always'}}", Retention.DEFAULT, "retention.condition");
    }
}
