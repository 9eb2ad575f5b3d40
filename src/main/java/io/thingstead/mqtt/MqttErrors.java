package io.thingstead.mqtt;

import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import io.thingstead.core.ErrorCode;

/**
 * The one mapper from the platform's stable codes to MQTT reason codes, as the HTTP adapter has
 * one to statuses (README: MQTT). Each code is sorted once into what went wrong ({@link Kind});
 * each packet then says how it answers that. Both switches name every member, so a new code or
 * kind does not compile until it has its reason codes.
 */
final class MqttErrors {
    private MqttErrors() {}

    /** What went wrong, as far as an MQTT client can be told. */
    enum Kind {
        /** The key id or secret is wrong, or the key is no longer valid. */
        CREDENTIALS,
        /** A valid key that may not do this. */
        RIGHTS,
        /** What the client sent cannot be taken as it is. */
        INPUT,
        /** What the client sent is too large. */
        TOO_LARGE,
        /** The client sends too much, too fast. */
        RATE,
        /** Not available in this version. */
        UNSUPPORTED,
        /** The server cannot take it now. */
        UNAVAILABLE,
        /** A fault of the server. */
        INTERNAL
    }

    static Kind kind(ErrorCode code) {
        return switch (code) {
            case UNAUTHORIZED -> Kind.CREDENTIALS;
            case MISSING_SCOPE, WRONG_CONTEXT, FORBIDDEN, LOCKED, METHOD_DISABLED -> Kind.RIGHTS;
            case VALIDATION_FAILED,
                    MALFORMED_JSON,
                    BAD_REQUEST,
                    NOT_A_GATEWAY,
                    GATEWAY_MUST_BE_FIRST,
                    RESERVED_PROPERTY_NAME,
                    RESERVED_METHOD_NAME,
                    NOT_FOUND,
                    METHOD_NOT_ALLOWED,
                    REQUEST_TIMEOUT,
                    NAME_TAKEN,
                    CONFLICT,
                    PROFILE_IN_USE,
                    PROFILE_INHERITED,
                    METHOD_FAILED,
                    METHOD_TIMEOUT,
                    METHOD_OUT_OF_MEMORY,
                    UNSUPPORTED_MEDIA_TYPE -> Kind.INPUT;
            case PAYLOAD_TOO_LARGE, URI_TOO_LONG, HEADERS_TOO_LARGE -> Kind.TOO_LARGE;
            case RATE_LIMITED -> Kind.RATE;
            case NOT_IMPLEMENTED, HTTP_VERSION_NOT_SUPPORTED -> Kind.UNSUPPORTED;
            case UNAVAILABLE -> Kind.UNAVAILABLE;
            case INTERNAL -> Kind.INTERNAL;
        };
    }

    /** The CONNACK of a refused CONNECT. */
    static ConnackReasonCode connack(ErrorCode code) {
        return switch (kind(code)) {
            case CREDENTIALS -> ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
            case RIGHTS -> ConnackReasonCode.NOT_AUTHORIZED;
            case INPUT, INTERNAL -> ConnackReasonCode.UNSPECIFIED_ERROR;
            case TOO_LARGE -> ConnackReasonCode.PACKET_TOO_LARGE;
            case RATE -> ConnackReasonCode.CONNECTION_RATE_EXCEEDED;
            case UNSUPPORTED -> ConnackReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
            case UNAVAILABLE -> ConnackReasonCode.SERVER_UNAVAILABLE;
        };
    }

    /**
     * The PUBACK (MQTT 5) of a refused PUBLISH: refused rights are not authorized, what cannot be
     * stored as sent is an invalid payload (README: MQTT, what a PUBACK means).
     */
    static AckReasonCode puback(ErrorCode code) {
        return switch (kind(code)) {
            case CREDENTIALS, RIGHTS -> AckReasonCode.NOT_AUTHORIZED;
            case INPUT, TOO_LARGE -> AckReasonCode.PAYLOAD_FORMAT_INVALID;
            case RATE -> AckReasonCode.QUOTA_EXCEEDED;
            case UNSUPPORTED -> AckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
            case UNAVAILABLE, INTERNAL -> AckReasonCode.UNSPECIFIED_ERROR;
        };
    }

    /** The SUBACK reason code of a refused subscription. */
    static SubackReasonCode suback(ErrorCode code) {
        return switch (kind(code)) {
            case CREDENTIALS, RIGHTS -> SubackReasonCode.NOT_AUTHORIZED;
            case INPUT -> SubackReasonCode.TOPIC_FILTER_INVALID;
            case RATE -> SubackReasonCode.QUOTA_EXCEEDED;
            case UNSUPPORTED -> SubackReasonCode.IMPLEMENTATION_SPECIFIC_ERROR;
            case TOO_LARGE, UNAVAILABLE, INTERNAL -> SubackReasonCode.UNSPECIFIED_ERROR;
        };
    }
}
