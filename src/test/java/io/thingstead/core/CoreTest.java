package io.thingstead.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoreTest {
    @Test
    void ids_areTimeOrderedUniqueAnd19Digits() {
        Ids ids = new Ids(InstantSource.fixed(Instant.parse("2026-11-28T10:00:00Z")));
        List<String> many =
                IntStream.range(0, 10_000).mapToObj(i -> ids.next("dev")).toList();
        assertThat(new HashSet<>(many)).hasSize(10_000);
        assertThat(many).isSorted();
        assertThat(many.get(0)).matches("_dev_\\d{19}");
        assertThat(Ids.isId(many.get(0), "dev")).isTrue();
        assertThat(Ids.isId(many.get(0), "acc")).isFalse();
        assertThat(Ids.isId("_dev_12a", "dev")).isFalse();
    }

    @Test
    void ids_neverRepeatAStoredNumber_evenWhenTheClockStepsBack() {
        Ids ids = new Ids(InstantSource.fixed(Instant.parse("2026-11-28T10:00:00Z")));
        long stored = Long.parseLong(new Ids(InstantSource.fixed(Instant.parse("2026-11-28T12:00:00Z")))
                .next("dev")
                .substring(5));
        ids.advancePast(stored);

        assertThat(Long.parseLong(ids.next("dev").substring(5))).isGreaterThan(stored);
    }

    @Test
    void secrets_are32LowerHex() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String s = Secrets.next();
            assertThat(s).matches("[0-9a-f]{32}");
            seen.add(s);
        }
        assertThat(seen).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "Thermo",
                "factory3.floor4.forklift4",
                "a_b-c.d",
                "x234567890123456789012345678901234567890123456789012345678901234"
            })
    void names_valid(String name) {
        assertThat(Names.require("name", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1abc",
                "_abc",
                "has space",
                "ü",
                "a/b",
                "x2345678901234567890123456789012345678901234567890123456789012345"
            })
    void names_invalid(String name) {
        assertThatThrownBy(() -> Names.require("name", name))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("'name'");
    }

    @Test
    void times_formatUtcMillis_andParseAnyZone() {
        assertThat(Times.format(Instant.parse("2017-05-01T14:00:17.799123Z"))).isEqualTo("2017-05-01T14:00:17.799Z");
        assertThat(Times.parse("t", "2017-05-01T06:00:17.799-0800"))
                .isEqualTo(Instant.parse("2017-05-01T14:00:17.799Z"));
        assertThat(Times.parse("t", "2017-05-01T16:00:17+02:00")).isEqualTo(Instant.parse("2017-05-01T14:00:17Z"));
        assertThatThrownBy(() -> Times.parse("t", "2017-05-01T14:00:17")).hasMessageContaining("'t'");
    }

    @Test
    void page_slicesAndCounts() {
        List<Integer> all = IntStream.rangeClosed(1, 450).boxed().toList();
        Page<Integer> p = Page.of(all, new Page.Request(200, 3, 0));
        assertThat(p.total()).isEqualTo(450);
        assertThat(p.itemCount()).isEqualTo(50);
        assertThat(p.numOfPages()).isEqualTo(3);
        assertThat(p.results()).first().isEqualTo(401);
        Page<Integer> skipped = Page.of(all, new Page.Request(100, 1, 440));
        assertThat(skipped.results()).containsExactly(441, 442, 443, 444, 445, 446, 447, 448, 449, 450);
        assertThat(Page.of(all, new Page.Request(100, 9, 0)).results()).isEmpty();
        assertThat(Page.of(List.of(), new Page.Request(10, 1, 0)).numOfPages()).isZero();
    }
}
