package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.testing.Http;
import io.thingstead.testing.WireAssert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The closed sets of a query travel as Connio spells them, and a query's spelling is read once. */
class QueryWireTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private static DataQuery parse(String json) {
        return DataQuery.parse(Http.json(json), NOW);
    }

    @Test
    void aggregation_isSpelledInLowerCase_andAQueryNamesItInAnyCase() {
        WireAssert.assertSpelledAs(
                Aggregation.class,
                "avg",
                "min",
                "max",
                "sum",
                "count",
                "first",
                "last",
                "dev",
                "percentile",
                "diff",
                "rate",
                "scale");
        DataQuery q = parse("{'aggregators':[{'name':'AVG','sampling':{'value':1,'unit':'hours'}},{'name':'Rate'}]}");

        assertThat(q.aggregators())
                .extracting(DataQuery.Aggregator::aggregation)
                .containsExactly(Aggregation.AVG, Aggregation.RATE);
    }

    @Test
    void aggregation_ofNoMember_isRefused_namingTheChoices() {
        assertThatThrownBy(() -> parse("{'aggregators':[{'name':'Median'}]}"))
                .hasMessage("'aggregators[0].name' must be one of avg, min, max, sum, count, first, last, dev,"
                        + " percentile, diff, rate, scale; got 'median'");
    }

    @Test
    void origin_isSpelledInLowerCase_andAQueryNamesOneExactly() {
        WireAssert.assertSpelledAs(Origin.class, "object", "external_client");
        assertThat(parse("{'attributes':{'source':['external_client']}}").source())
                .isEqualTo(Origin.EXTERNAL_CLIENT);
        assertThat(parse("{'tags':{'source':['object','object']}}").source()).isEqualTo(Origin.OBJECT);
        assertThat(parse("{'tags':{'source':['object','external_client']}}").source())
                .isNull();
        assertThatThrownBy(() -> parse("{'tags':{'source':['object','Device']}}"))
                .hasMessage("'tags.source[1]' must be one of [object, external_client]");
    }
}
