package io.thingstead.api;

import io.helidon.http.Status;
import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;

/**
 * The one mapper from the platform's stable codes to HTTP: the status of each code (docs/connio.md:
 * Errors and status codes) and the Connio error body {@code [{"code","cause","message","moreInfoUrl"}]}.
 */
final class Errors {
    private Errors() {}

    /** The HTTP status code of an error code; a new code does not compile until it has one. */
    static int statusCode(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED,
                    MALFORMED_JSON,
                    BAD_REQUEST,
                    NOT_A_GATEWAY,
                    GATEWAY_MUST_BE_FIRST,
                    RESERVED_PROPERTY_NAME,
                    RESERVED_METHOD_NAME -> 400;
            case UNAUTHORIZED, MISSING_SCOPE, WRONG_CONTEXT -> 401;
            case FORBIDDEN, LOCKED, METHOD_DISABLED -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case REQUEST_TIMEOUT -> 408;
            case NAME_TAKEN, CONFLICT, PROFILE_IN_USE, PROFILE_INHERITED -> 409;
            case PAYLOAD_TOO_LARGE -> 413;
            case METHOD_FAILED, METHOD_TIMEOUT, METHOD_OUT_OF_MEMORY -> 422;
            case URI_TOO_LONG -> 414;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case HEADERS_TOO_LARGE -> 431;
            case INTERNAL -> 500;
            case NOT_IMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case HTTP_VERSION_NOT_SUPPORTED -> 505;
        };
    }

    /** The HTTP status, with a reason phrase also for the codes Helidon has none for (408, 431). */
    static Status status(ErrorCode code) {
        Status s = Status.create(statusCode(code));
        return s.reasonPhrase().isEmpty() ? Status.create(statusCode(code), code.cause()) : s;
    }

    static byte[] body(ErrorCode code, String message) {
        return Json.write(ApiException.errorArray(code, message));
    }
}
