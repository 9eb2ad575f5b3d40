package io.thingstead.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each member of a property's closed sets decides (docs/connio.md: Properties). */
class PropertyClosedSetsTest {
    @ParameterizedTest
    @CsvSource({"PRIVATE, false, false", "PROTECTED, true, false", "PUBLIC, true, true"})
    void access_saysWhetherOtherKeysReadAndWrite(Property.Access access, boolean read, boolean write) {
        assertThat(access.othersRead()).isEqualTo(read);
        assertThat(access.othersWrite()).isEqualTo(write);
    }

    @ParameterizedTest
    @CsvSource({"ALWAYS, true, true", "CHANGED, true, false", "NEVER, false, false"})
    void publish_saysWhetherANewLatestValueIsPushed(Property.Publish publish, boolean changed, boolean unchanged) {
        assertThat(publish.pushes(true)).isEqualTo(changed);
        assertThat(publish.pushes(false)).isEqualTo(unchanged);
    }

    @Test
    void retention_keepsHistoryOnlyWhenHistorical() {
        assertThat(Retention.DEFAULT.keepsHistory()).isTrue();
        assertThat(new Retention(Retention.Type.MOSTRECENT, "unlimited", 1, Retention.DEFAULT.condition())
                        .keepsHistory())
                .isFalse();
    }

    @Test
    void builtinValues_areTheSetsOfTheirProperties_andReadBackFromStoredValues() {
        ProfileCatalog catalog = new ProfileCatalog();
        assertThat(catalog.property(Builtins.ACTIVE_ID).boundaries().toString())
                .isEqualTo("{\"set\":[\"active\",\"inactive\",\"unknown\"]}");
        assertThat(catalog.property(Builtins.CONNECTION_STATUS_ID).boundaries().toString())
                .isEqualTo("{\"set\":[\"online\",\"offline\"]}");
        for (Builtins.Active a : Builtins.Active.values()) {
            assertThat(Builtins.Active.of(a.node())).isEqualTo(a);
        }
        assertThat(Builtins.ConnectionStatus.of(TextNode.valueOf("online")))
                .isEqualTo(Builtins.ConnectionStatus.of(true));
        assertThat(Builtins.ConnectionStatus.of(Builtins.ConnectionStatus.OFFLINE.node()))
                .isEqualTo(Builtins.ConnectionStatus.OFFLINE);
        assertThat(Builtins.ConnectionStatus.of(TextNode.valueOf("Online"))).isNull();
        assertThat(Builtins.Active.of(null)).isNull();
    }
}
