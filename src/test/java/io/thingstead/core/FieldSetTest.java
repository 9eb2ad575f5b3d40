package io.thingstead.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.testing.Http;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one mechanism for unknown names: FieldSet, the parser that applies it, and the suggestions. */
class FieldSetTest {
    private static final FieldSet GEO = FieldSet.of("lat", "lon");
    private static final FieldSet DEVICE = FieldSet.of("name", "period", "location", "profile", "profileId")
            .readOnly("id", "dateCreated")
            .unsupported("shared");

    static JsonNode json(String text) {
        return Http.json(text);
    }

    static void assertInvalid(Runnable r, String message) {
        assertThatThrownBy(r::run)
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessage(message);
    }

    @Test
    void unknownField_isRefused_namingItAndTheNearestKnownName() {
        assertInvalid(
                () -> Fields.of(json("{'name':'a','perod':5}"), "", DEVICE),
                "'perod' is not a known field; did you mean 'period'?");
    }

    @Test
    void unknownNestedField_isNamedByItsPath() {
        Fields f = Fields.of(json("{'location':{'lat':1,'lng':2}}"), "", DEVICE);

        assertInvalid(() -> f.object("location", GEO), "'location.lng' is not a known field; did you mean 'lat'?");
    }

    @Test
    void readOnlyFields_areAccepted_andUnsupportedOnesSaySo() {
        Fields.of(json("{'id':'_dev_1','dateCreated':'x','name':'a'}"), "", DEVICE);

        assertInvalid(() -> Fields.of(json("{'shared':true}"), "", DEVICE), "'shared' is not supported by this server");
    }

    @Test
    void aBodyThatIsNotAnObject_isRefusedAsSuch() {
        for (String body : List.of("[]", "null", "42", "'text'", "true")) {
            assertInvalid(() -> Fields.of(json(body), "", DEVICE), "'body' must be a JSON object");
        }
        assertInvalid(
                () -> Fields.of(json("{'location':[1]}"), "", DEVICE).object("location", GEO),
                "'location' must be a JSON object");
    }

    @Test
    void unchanged_acceptsTheCurrentValueOrNull_andRefusesAnother() {
        Fields f = Fields.of(json("{'id':'_dev_1','dateCreated':null}"), "", DEVICE);
        f.unchanged("id", "_dev_1").unchanged("dateCreated", "2021").unchanged("name", "absent");
        Fields.of(json("{'period':-1}"), "", DEVICE).unchanged("period", -1);

        assertInvalid(() -> f.unchanged("id", "_dev_2"), "'id' is read-only: it cannot be changed");
        assertInvalid(
                () -> Fields.of(json("{'period':'-1'}"), "", DEVICE).unchanged("period", -1),
                "'period' is read-only: it cannot be changed");
    }

    @Test
    void spelling_picksTheSpellingUsed_andRefusesTwoThatDisagree() {
        assertThat(Fields.of(json("{'profileId':'p'}"), "", DEVICE).spelling("profile", "profileId"))
                .isEqualTo("profileId");
        assertThat(Fields.of(json("{}"), "", DEVICE).spelling("profile", "profileId"))
                .isEqualTo("profile");
        assertThat(Fields.of(json("{'profile':'p','profileId':'p'}"), "", DEVICE)
                        .spelling("profile", "profileId"))
                .isEqualTo("profile");

        assertInvalid(
                () -> Fields.of(json("{'profile':'p','profileId':'q'}"), "", DEVICE)
                        .spelling("profile", "profileId"),
                "'profileId' is the same field as 'profile'; send one of them");
    }

    @Test
    void plus_andReadOnly_combineSets() {
        FieldSet s = FieldSet.of("a").plus("b").plus(FieldSet.of("c").readOnly("d"));

        assertThat(s.names()).containsExactly("a", "b", "c", "d");
        assertThat(s.accepts("d")).isTrue();
        assertThat(s.accepts("e")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "boundary, boundaries",
        "perod, period",
        "isa, is_a",
        "tag, tags",
        "FriendlyNmae, friendlyName",
        "PAGESIZE, pageSize",
        "pageNumber, pageNo",
        "prop, properties"
    })
    void didYouMean_findsTheNearestName_ignoringCase(String typo, String meant) {
        List<String> known = List.of(
                "boundaries",
                "period",
                "is_a",
                "tags",
                "friendlyName",
                "pageSize",
                "name",
                "pageNo",
                "meta",
                "properties");

        assertThat(DidYouMean.nearest(typo, known)).isEqualTo(meant);
    }

    @Test
    void didYouMean_withNoCandidate_saysNothing() {
        assertThat(DidYouMean.hint("x", List.of())).isEmpty();
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    }
}
