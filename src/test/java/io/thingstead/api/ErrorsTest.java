package io.thingstead.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.core.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorsTest {
    @ParameterizedTest
    @CsvSource({
        "VALIDATION_FAILED, 400",
        "MALFORMED_JSON, 400",
        "BAD_REQUEST, 400",
        "NOT_A_GATEWAY, 400",
        "GATEWAY_MUST_BE_FIRST, 400",
        "RESERVED_PROPERTY_NAME, 400",
        "RESERVED_METHOD_NAME, 400",
        "UNAUTHORIZED, 401",
        "MISSING_SCOPE, 401",
        "WRONG_CONTEXT, 401",
        "FORBIDDEN, 403",
        "LOCKED, 403",
        "NOT_FOUND, 404",
        "METHOD_NOT_ALLOWED, 405",
        "REQUEST_TIMEOUT, 408",
        "NAME_TAKEN, 409",
        "CONFLICT, 409",
        "PROFILE_IN_USE, 409",
        "PROFILE_INHERITED, 409",
        "PAYLOAD_TOO_LARGE, 413",
        "URI_TOO_LONG, 414",
        "UNSUPPORTED_MEDIA_TYPE, 415",
        "RATE_LIMITED, 429",
        "HEADERS_TOO_LARGE, 431",
        "INTERNAL, 500",
        "NOT_IMPLEMENTED, 501",
        "UNAVAILABLE, 503",
        "HTTP_VERSION_NOT_SUPPORTED, 505"
    })
    void statusCode_isTheDocumentedStatusOfEachCode(ErrorCode code, int status) {
        assertThat(Errors.statusCode(code)).isEqualTo(status);
        assertThat(Errors.status(code).code()).isEqualTo(status);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void status_alwaysHasAReasonPhrase(ErrorCode code) {
        assertThat(Errors.status(code).reasonPhrase()).isNotEmpty();
    }

    @Test
    void body_isTheConnioErrorArray() throws Exception {
        JsonNode body = Json.MAPPER.readTree(Errors.body(ErrorCode.NAME_TAKEN, "'name' is taken"));

        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(1);
        assertThat(body.get(0).get("code").asText()).isEqualTo("NameAlreadyTaken");
        assertThat(body.get(0).get("cause").asText()).isEqualTo("Name already taken");
        assertThat(body.get(0).get("message").asText()).isEqualTo("'name' is taken");
        assertThat(body.get(0).get("moreInfoUrl").asText())
                .isEqualTo("https://docs.connio.com/v3/error/namealreadytaken");
    }
}
