package io.thingstead.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import io.thingstead.testing.Http;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing the historical query object (docs/connio.md: Reading data). */
class DataQueryTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final long HOUR = 3_600_000L;

    private static DataQuery parse(String json) {
        return DataQuery.parse(Http.json(json), NOW);
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageContaining(message);
    }

    @Test
    void anEmptyQuery_isEveryPoint_oldestFirst_raw() {
        DataQuery q = parse("{}");

        assertThat(q).isEqualTo(new DataQuery(null, null, null, false, java.util.List.of(), null));
    }

    @Test
    void absoluteTimes_takeIsoOrEpochMillis_andTheEndIsInclusive() {
        DataQuery q = parse("{'startAbsolute':'2026-11-28T08:00:00+01:00','endAbsolute':" + NOW_MS + "}");

        assertThat(q.start()).isEqualTo(NOW_MS - 3 * HOUR);
        assertThat(q.end()).isEqualTo(NOW_MS + 1);
    }

    @Test
    void relativeTimes_countBackFromNow_withANumberOrNumericText() {
        DataQuery q = parse("{'startRelative':{'value':2,'unit':'hours'},'endRelative':{'value':'30','unit':'m'}}");

        assertThat(q.start()).isEqualTo(NOW_MS - 2 * HOUR);
        assertThat(q.end()).isEqualTo(NOW_MS - HOUR / 2 + 1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{'startAbsolute':'2026-11-28T10:00:00Z','endAbsolute':'2026-11-28T09:00:00Z'} | must be before the end",
                "{'startAbsolute':true}                                  | ISO-8601 time or epoch milliseconds",
                "{'startRelative':{'value':0,'unit':'hours'}}            | must be positive",
                "{'startRelative':{'value':1,'unit':'fortnights'}}       | unit must be one of",
                "{'startRelative':{'value':1}}                           | needs a unit",
                "{'startRelative':{'value':1,'unit':'h','ago':true}}     | ago",
                "{'limit':0}                                             | from 1 to 100000",
                "{'limit':100001}                                        | from 1 to 100000",
                "{'order':'newest'}                                      | must be 'asc' or 'desc'",
                "{'timeZone':'Europe/Paris'}                             | must be UTC",
                "{'groupBy':[{'name':'tag'}]}                            | use 'time'",
                "{'groupBy':{'name':'time'}}                             | must be an array",
                "{'aggregators':{'name':'avg'}}                          | must be an array",
                "{'aggregators':[{'name':'percentile'}]}                 | from 0 to 1",
                "{'aggregators':[{'name':'percentile','percentile':1.5}]} | from 0 to 1",
                "{'aggregators':[{'name':'scale'}]}                      | 'aggregators[0].factor' must be a number",
                "{'aggregators':[{'name':'avg','alignSampling':true,'alignStartTime':true}]} | together with alignSampling",
                "{'aggregators':[{'name':'avg','timeZone':'CET'}]}       | must be UTC",
                "{'aggregators':[{'name':'avg'}],'tags':{'source':['object']}} | cannot be combined with aggregators"
            })
    void aQueryThisServerCannotAnswerExactly_isRefused_namingTheField(String json, String message) {
        assertRefused(json, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"metrics", "plugins", "cacheTime"})
    void kairosFieldsThisServerDoesNotServe_areRefused(String field) {
        assertThatThrownBy(() -> parse("{'" + field + "':1}")).isInstanceOf(ApiException.class);
    }

    @Test
    void limitAndOrder_areRead_withTheOrderInAnyCase() {
        DataQuery q = parse("{'limit':1,'order':'DESC'}");

        assertThat(q.limit()).isEqualTo(1);
        assertThat(q.descending()).isTrue();
        assertThat(parse("{'order':'Asc'}").descending()).isFalse();
        assertThat(parse("{'timeZone':'UTC'}").start()).isNull();
    }

    @Test
    void aggregators_keepTheirOrder_samplingInMillis_andAlignment() {
        DataQuery q = parse("{'aggregators':[{'name':'avg','sampling':{'value':1,'unit':'hours'},'alignSampling':true},"
                + "{'name':'scale','factor':2.5},{'name':'percentile','percentile':0.9}]}");

        assertThat(q.aggregators())
                .containsExactly(
                        new DataQuery.Aggregator(Aggregation.AVG, HOUR, true, 0),
                        new DataQuery.Aggregator(Aggregation.SCALE, null, false, 2.5),
                        new DataQuery.Aggregator(Aggregation.PERCENTILE, null, false, 0.9));
    }

    @Test
    void groupByTime_samplesTheFirstAggregatorOnly_unlessItHasItsOwnSampling() {
        DataQuery q = parse("{'groupBy':[{'name':'time','rangeSize':{'value':10,'unit':'minutes'}}],"
                + "'aggregators':[{'name':'sum'},{'name':'max'}]}");
        DataQuery own = parse("{'groupBy':[{'name':'time','rangeSize':{'value':10,'unit':'minutes'}}],"
                + "'aggregators':[{'name':'sum','sampling':{'value':1,'unit':'s'}}]}");

        assertThat(q.aggregators()).extracting(DataQuery.Aggregator::samplingMs).containsExactly(600_000L, null);
        assertThat(own.aggregators().get(0).samplingMs()).isEqualTo(1_000L);
    }

    @Test
    void rate_isPerItsUnit_elsePerItsSampling_elsePerSecond_andHasNoSamplingOfItsOwn() {
        DataQuery perMinute = parse("{'aggregators':[{'name':'rate','unit':'minutes'}]}");
        DataQuery perSampling = parse("{'aggregators':[{'name':'rate','sampling':{'value':1,'unit':'hours'}}]}");
        DataQuery perSecond = parse("{'aggregators':[{'name':'rate'}]}");

        assertThat(perMinute.aggregators().get(0))
                .isEqualTo(new DataQuery.Aggregator(Aggregation.RATE, null, false, 60_000));
        assertThat(perSampling.aggregators().get(0).parameter()).isEqualTo(HOUR);
        assertThat(perSampling.aggregators().get(0).samplingMs()).isNull();
        assertThat(perSecond.aggregators().get(0).parameter()).isEqualTo(1_000);
    }
}
