package io.thingstead.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonValue;
import io.thingstead.testing.Http;
import io.thingstead.testing.WireAssert;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {
    enum Retention {
        HISTORICAL,
        MOSTRECENT,
        EXTERNAL_CLIENT;

        @JsonValue
        @Override
        public String toString() {
            return Wire.name(this);
        }
    }

    private static final List<Retention> ALL = List.of(Retention.values());

    @Test
    void aMember_isSpelledAsItsNameInLowerCase_inJsonBothWays() {
        WireAssert.assertSpelledAs(Retention.class, "historical", "mostrecent", "external_client");
    }

    @Test
    void find_matchesTheSpelling_inAnyCaseOnlyWhenAsked() {
        assertThat(Wire.find(ALL, "mostrecent", false)).isEqualTo(Retention.MOSTRECENT);
        assertThat(Wire.find(ALL, "MostRecent", false)).isNull();
        assertThat(Wire.find(ALL, "MostRecent", true)).isEqualTo(Retention.MOSTRECENT);
        assertThat(Wire.find(ALL, "most_recent", true)).isNull();
        assertThat(Wire.find(ALL, null, true)).isNull();
        assertThat(Wire.find(List.of(Retention.HISTORICAL), "mostrecent", true)).isNull();
    }

    @Test
    void parse_refusesAnUnknownSpelling_namingTheFieldAndTheChoices() {
        assertThatThrownBy(() -> Wire.parse("retention.type", ALL, "forever", false))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage("'retention.type' must be one of [historical, mostrecent, external_client], got 'forever'");
    }

    @Test
    void oneOf_readsAFieldInAnyCase_andNamesItByItsPath() {
        Fields f = Fields.of(Http.json("{'r':{'type':'HISTORICAL','bad':'x'}}"), "", FieldSet.of("r"))
                .object("r", FieldSet.of("type", "bad", "absent"));

        assertThat(f.oneOf("type", Retention.class)).isEqualTo(Retention.HISTORICAL);
        assertThat(f.oneOf("absent", Retention.class)).isNull();
        assertThatThrownBy(() -> f.oneOf("bad", Retention.class))
                .hasMessage("'r.bad' must be one of [historical, mostrecent, external_client], got 'x'");
    }

    @Test
    void filter_keepsEveryMemberWhenAbsent_theOneSpelled_orNone() {
        assertThat(Wire.filter(Retention.class, null)).isEqualTo(EnumSet.allOf(Retention.class));
        assertThat(Wire.filter(Retention.class, "MOSTRECENT")).containsExactly(Retention.MOSTRECENT);
        assertThat(Wire.filter(Retention.class, "created")).isEmpty();
    }
}
