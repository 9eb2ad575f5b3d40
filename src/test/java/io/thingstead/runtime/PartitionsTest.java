package io.thingstead.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionsTest {
    @Test
    void of_isTheSameForAnIdEverywhere_andInRange() {
        assertThat(Partitions.of("_dev_1234567890123456789")).isEqualTo(Partitions.of("_dev_1234567890123456789"));
        Set<Integer> seen = new HashSet<>();
        for (long i = 0; i < 10_000; i++) {
            int p = Partitions.of("_dev_" + (1_800_000_000_000_000_000L + i * 4099));
            assertThat(p).isBetween(0, Partitions.COUNT - 1);
            seen.add(p);
        }
        assertThat(seen).as("ids spread over every partition").hasSize(Partitions.COUNT);
    }

    @Test
    void all_ownsEveryPartition_none_ownsNone_untilClaimed() {
        Partitions all = Partitions.all();
        Partitions none = Partitions.none();
        for (int p = 0; p < Partitions.COUNT; p++) {
            assertThat(all.owns(p)).isTrue();
            assertThat(none.owns(p)).isFalse();
        }
        none.claim(7);
        assertThat(none.owns(7)).isTrue();
        all.release(7);
        assertThat(all.owns(7)).isFalse();
    }

    @Test
    void aPartitionOutOfRange_isRefused() {
        assertThatThrownBy(() -> Partitions.none().claim(Partitions.COUNT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
