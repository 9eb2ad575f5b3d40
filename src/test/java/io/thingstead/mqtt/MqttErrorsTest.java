package io.thingstead.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import io.thingstead.core.ErrorCode;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MqttErrorsTest {
    private static final EnumSet<ErrorCode> RIGHTS = EnumSet.of(
            ErrorCode.MISSING_SCOPE,
            ErrorCode.WRONG_CONTEXT,
            ErrorCode.FORBIDDEN,
            ErrorCode.LOCKED,
            ErrorCode.METHOD_DISABLED);

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCode_hasAFailureReasonCode_inEveryPacket(ErrorCode code) {
        assertThat(MqttErrors.kind(code)).isNotNull();
        assertThat(MqttErrors.connack(code)).isNotNull().isNotEqualTo(ConnackReasonCode.SUCCESS);
        assertThat(MqttErrors.puback(code))
                .isNotNull()
                .isNotIn(AckReasonCode.SUCCESS, AckReasonCode.NO_MATCHING_SUBSCRIBERS);
        assertThat(MqttErrors.suback(code))
                .isNotNull()
                .isNotIn(
                        SubackReasonCode.GRANTED_QOS_0, SubackReasonCode.GRANTED_QOS_1, SubackReasonCode.GRANTED_QOS_2);
    }

    @Test
    void wrongCredentials_areABadUserNameOrPassword_onConnect() {
        assertThat(MqttErrors.connack(ErrorCode.UNAUTHORIZED)).isEqualTo(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void refusedCredentialsOrRights_areNotAuthorized_onPublishAndSubscribe(ErrorCode code) {
        boolean refused = code == ErrorCode.UNAUTHORIZED || RIGHTS.contains(code);
        assertThat(MqttErrors.puback(code) == AckReasonCode.NOT_AUTHORIZED).isEqualTo(refused);
        assertThat(MqttErrors.suback(code) == SubackReasonCode.NOT_AUTHORIZED).isEqualTo(refused);
        assertThat(MqttErrors.connack(code) == ConnackReasonCode.NOT_AUTHORIZED).isEqualTo(RIGHTS.contains(code));
    }

    /** What a publish refused by the write pipeline answers on MQTT 5 (README: MQTT, what a PUBACK means). */
    @ParameterizedTest
    @CsvSource({
        "VALIDATION_FAILED, PAYLOAD_FORMAT_INVALID",
        "MALFORMED_JSON, PAYLOAD_FORMAT_INVALID",
        "NOT_FOUND, PAYLOAD_FORMAT_INVALID",
        "NOT_A_GATEWAY, PAYLOAD_FORMAT_INVALID",
        "PAYLOAD_TOO_LARGE, PAYLOAD_FORMAT_INVALID",
        "FORBIDDEN, NOT_AUTHORIZED",
        "WRONG_CONTEXT, NOT_AUTHORIZED",
        "MISSING_SCOPE, NOT_AUTHORIZED",
        "UNAUTHORIZED, NOT_AUTHORIZED",
        "RATE_LIMITED, QUOTA_EXCEEDED",
        "NOT_IMPLEMENTED, IMPLEMENTATION_SPECIFIC_ERROR",
        "UNAVAILABLE, UNSPECIFIED_ERROR",
        "INTERNAL, UNSPECIFIED_ERROR"
    })
    void puback_ofARefusedPublish(ErrorCode code, AckReasonCode expected) {
        assertThat(MqttErrors.puback(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "RATE_LIMITED, CONNECTION_RATE_EXCEEDED",
        "UNAVAILABLE, SERVER_UNAVAILABLE",
        "PAYLOAD_TOO_LARGE, PACKET_TOO_LARGE",
        "FORBIDDEN, NOT_AUTHORIZED",
        "INTERNAL, UNSPECIFIED_ERROR"
    })
    void connack_ofARefusedConnect(ErrorCode code, ConnackReasonCode expected) {
        assertThat(MqttErrors.connack(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "VALIDATION_FAILED, TOPIC_FILTER_INVALID",
        "RATE_LIMITED, QUOTA_EXCEEDED",
        "NOT_IMPLEMENTED, IMPLEMENTATION_SPECIFIC_ERROR",
        "UNAVAILABLE, UNSPECIFIED_ERROR"
    })
    void suback_ofARefusedSubscription(ErrorCode code, SubackReasonCode expected) {
        assertThat(MqttErrors.suback(code)).isEqualTo(expected);
    }
}
