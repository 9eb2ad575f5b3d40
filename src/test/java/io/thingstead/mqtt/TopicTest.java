package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTest {
    static final String PUSH = "connio/data/in/devices/_dev_1/properties/temp";

    @Test
    void parse_aPropertyTopic_isARawValue_namingThePropertyAsWritten() {
        assertThat(Topic.parse("connio/data/out/devices/_dev_1/properties/Temp"))
                .isEqualTo(new Topic(Topic.Kind.VALUE, "_dev_1", "Temp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"connio/data/out/devices/_dev_1/json", "connio/data/out/devices/_dev_1/properties/json"})
    void parse_bothFeedTopics_areADataFeed(String topic) {
        assertThat(Topic.parse(topic)).isEqualTo(new Topic(Topic.Kind.FEED, "_dev_1", null));
    }

    @Test
    void parse_methodTopics_nameTheMethod_orAreAMethodFeed() {
        assertThat(Topic.parse("connio/data/out/devices/_dev_1/methods/reboot"))
                .isEqualTo(new Topic(Topic.Kind.METHOD, "_dev_1", "reboot"));
        assertThat(Topic.parse("connio/data/out/devices/_dev_1/methods/json"))
                .isEqualTo(new Topic(Topic.Kind.METHOD_FEED, "_dev_1", null));
    }

    @Test
    void methodAnswer_isTheCallsPathUnderIn() {
        assertThat(Topic.methodAnswer(Topic.parse("connio/data/out/devices/_dev_1/methods/Reboot")))
                .isEqualTo("connio/data/in/devices/_dev_1/methods/Reboot");
        assertThat(Topic.methodAnswer(Topic.parse("connio/data/out/devices/_dev_1/methods/json")))
                .isEqualTo("connio/data/in/devices/_dev_1/methods/json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "connio",
                "connio/data/out/devices/",
                "connio/data/out/devices/_dev_1",
                "connio/data/out/devices/_dev_1/",
                "connio/data/out/devices//json",
                "connio/data/out/devices//properties/temp",
                "connio/data/out/devices/_dev_1/properties",
                "connio/data/out/devices/_dev_1/properties/",
                "connio/data/out/devices/_dev_1/properties/temp/x",
                "connio/data/out/devices/_dev_1/json/x",
                "connio/data/out/devices/_dev_1/methods",
                "connio/data/out/devices/_dev_1/methods/",
                "connio/data/out/devices/_dev_1/commands/x",
                "connio/data/in/devices/_dev_1/properties/temp",
                "Connio/data/out/devices/_dev_1/json",
                "/connio/data/out/devices/_dev_1/json",
                "$SYS/broker/connection/bridge/state"
            })
    void parse_aTopicOfNoInboundForm_isNotOurs(String topic) {
        assertThat(Topic.parse(topic)).isNull();
    }

    @Test
    void reachableBy_noPrincipal_isFalse() {
        assertThat(Topic.parse("connio/data/out/devices/_dev_1/json").reachableBy(null))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "connio/data/in/devices/_dev_1/#, _dev_1",
        "connio/data/in/devices/_dev_1/properties/#, _dev_1",
        "connio/data/in/devices/_dev_1/properties/temp, _dev_1",
        "connio/data/in/devices/_dev_1/+/temp, _dev_1",
        "connio/data/in/devices/_dev_1, _dev_1"
    })
    void subscribedDevice_isTheDeviceLevelOfAnInboundFilter(String filter, String device) {
        assertThat(Topic.subscribedDevice(filter)).isEqualTo(device);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "connio/data/in/devices/+/properties/temp",
                "connio/data/in/devices/#",
                "connio/data/in/devices/_dev_+/#",
                "connio/data/in/devices//properties/temp",
                "connio/data/in/devices/",
                "connio/data/out/devices/_dev_1/#",
                "connio/#",
                "#",
                "$share/group/connio/data/in/devices/_dev_1/#"
            })
    void subscribedDevice_ofAFilterWithoutOneDevice_isNone(String filter) {
        assertThat(Topic.subscribedDevice(filter)).isNull();
    }

    @Test
    void push_goesToTheDevicesInboundTopic_withThePropertyInLowerCase() {
        assertThat(Topic.push("_dev_1", "Temp")).isEqualTo(PUSH);
        assertThat(Topic.parse(Topic.push("_dev_1", "temp"))).isNull();
    }

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
