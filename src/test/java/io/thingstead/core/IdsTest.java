package io.thingstead.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.testing.MutableClock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdsTest {
    static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    static final InstantSource FIXED = InstantSource.fixed(T);

    static long number(String id) {
        return Long.parseUnsignedLong(id.substring(id.indexOf('_', 1) + 1));
    }

    @Test
    void anId_isMillisecondsThenNodeThenSequence() {
        long n = number(new Ids(FIXED, 5).next("dev"));

        assertThat(n >>> 22).isEqualTo(T.toEpochMilli());
        assertThat((n >>> 12) & 1023).isEqualTo(5);
        assertThat(n & 4095).isZero();
    }

    @Test
    void ids_keepTheirShape_prefixAnd19Digits() {
        assertThat(new Ids(FIXED, Ids.MAX_NODE).next("acc")).matches("_acc_\\d{19}");
        assertThat(new Ids(InstantSource.fixed(Instant.parse("2001-09-09T01:46:40Z")), 0).next("dev"))
                .matches("_dev_\\d{18,19}");
    }

    @Test
    void twoNodes_atTheSameMillisecond_neverIssueTheSameNumber() {
        Ids a = new Ids(FIXED, 1);
        Ids b = new Ids(FIXED, 2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(a.next("dev"))).isTrue();
            assertThat(seen.add(b.next("dev"))).isTrue();
        }
    }

    @Test
    void theIdAfter4096InOneMillisecond_borrowsTheNextMillisecond_andStaysOrdered() {
        Ids ids = new Ids(FIXED, 3);
        List<Long> numbers =
                IntStream.range(0, 4097).mapToObj(i -> number(ids.next("dev"))).toList();

        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        long last = numbers.get(4096);
        assertThat(last >>> 22).isEqualTo(T.toEpochMilli() + 1);
        assertThat((last >>> 12) & 1023).isEqualTo(3);
        assertThat(last & 4095).isZero();
        assertThat(numbers.get(4095) & 4095).isEqualTo(4095);
    }

    @Test
    void ids_followTheClock_andNeverGoBackWhenItStepsBack() {
        MutableClock clock = new MutableClock(T);
        Ids ids = new Ids(clock, 0);
        long first = number(ids.next("dev"));
        clock.advance(java.time.Duration.ofSeconds(1));
        long later = number(ids.next("dev"));
        clock.advance(java.time.Duration.ofSeconds(-61));
        long afterStepBack = number(ids.next("dev"));

        assertThat(later >>> 22).isEqualTo(T.toEpochMilli() + 1000);
        assertThat(later).isGreaterThan(first);
        assertThat(afterStepBack).isGreaterThan(later);
    }

    @Test
    void advancePast_aNumberOfThisNode_issuesItsSuccessor() {
        Ids ids = new Ids(FIXED, 7);
        long stored = number(new Ids(InstantSource.fixed(T.plusSeconds(3600)), 7).next("dev"));
        ids.advancePast(stored);

        assertThat(number(ids.next("dev"))).isEqualTo(stored + 1);
    }

    @Test
    void advancePast_aLaterNumberOfAnyNode_issuesAboveIt_withItsOwnNode() {
        long lowerNode = number(new Ids(InstantSource.fixed(T.plusSeconds(60)), 2).next("dev"));
        long higherNode = number(new Ids(InstantSource.fixed(T.plusSeconds(60)), 9).next("dev"));
        Ids a = new Ids(FIXED, 5);
        Ids b = new Ids(FIXED, 5);
        a.advancePast(lowerNode);
        b.advancePast(higherNode);

        long fromA = number(a.next("dev"));
        long fromB = number(b.next("dev"));
        assertThat(fromA).isGreaterThan(lowerNode);
        assertThat(fromB).isGreaterThan(higherNode);
        assertThat((fromA >>> 12) & 1023).isEqualTo(5);
        assertThat((fromB >>> 12) & 1023).isEqualTo(5);
    }

    @Test
    void advancePast_anOlderNumber_changesNothing() {
        Ids ids = new Ids(FIXED, 0);
        ids.advancePast(number(new Ids(InstantSource.fixed(T.minusSeconds(60)), 0).next("dev")));

        assertThat(number(ids.next("dev"))).isEqualTo(T.toEpochMilli() << 22);
    }

    @Test
    void ids_fromManyThreads_areUnique() throws InterruptedException {
        Ids ids = new Ids(InstantSource.system(), 12);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Runnable> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(() -> {
                for (int i = 0; i < 20_000; i++) {
                    seen.add(ids.next("dev"));
                }
            });
        }
        work.forEach(pool::execute);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(seen).hasSize(80_000);
    }

    @Test
    void aNodeIdOutside0To1023_isRefused() {
        assertThatThrownBy(() -> new Ids(FIXED, 1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ids(FIXED, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
