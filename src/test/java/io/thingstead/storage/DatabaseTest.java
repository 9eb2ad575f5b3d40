package io.thingstead.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    @Test
    void unreachablePostgres_failsWithOneClearMessage_withoutThePassword() {
        assertThatThrownBy(() -> Database.open(
                        "jdbc:postgresql://127.0.0.1:1/nowhere?user=u&password=secret&connectTimeout=2", Path.of(".")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("the database jdbc:postgresql://127.0.0.1:1/nowhere is unreachable")
                .hasMessageNotContaining("secret");
    }

    @Test
    void unknownStore_isRefused() {
        assertThatThrownBy(() -> Database.open("mysql://x", Path.of(".")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--store");
    }
}
