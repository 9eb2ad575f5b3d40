package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicTest {
    static final String PUSH = "connio/data/in/devices/_dev_1/properties/temp";

    @Test
    void filters_matchByLevel_withPlusForOneLevelAndHashForTheRest() {
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/#", PUSH)).isTrue();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/properties/#", PUSH))
                .isTrue();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/properties/temp", PUSH))
                .isTrue();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/+/temp", PUSH)).isTrue();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/properties/+", PUSH))
                .isTrue();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/properties/temp/#", PUSH))
                .isTrue();

        assertThat(Topic.matches("connio/data/in/devices/_dev_2/#", PUSH)).isFalse();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/properties/hum", PUSH))
                .isFalse();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/properties", PUSH))
                .isFalse();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/properties/temp/x", PUSH))
                .isFalse();
        assertThat(Topic.matches("connio/data/in/devices/_dev_1/+", PUSH)).isFalse();
    }
}
