package io.thingstead.core;

/**
 * Stable Connio error codes and the cause each one states. Which HTTP status or MQTT reason code a
 * code becomes is for each transport to say (api: {@code Errors}, one mapper per transport).
 */
public enum ErrorCode {
    VALIDATION_FAILED("ValidationFailed", 400, "Validation failed"),
    MALFORMED_JSON("MalformedJson", 400, "Malformed JSON"),
    BAD_REQUEST("BadRequest", 400, "Bad request"),
    NOT_A_GATEWAY("NotAGateway", 400, "Device is not a gateway"),
    GATEWAY_MUST_BE_FIRST("GatewayMustBeFirst", 400, "The gateway must be the first id of its key context"),
    RESERVED_PROPERTY_NAME("ReservedPropertyName", 400, "Reserved property name"),
    UNAUTHORIZED("Unauthorized", 401, "Authentication failed"),
    MISSING_SCOPE("MissingScope", 401, "The key lacks a required scope"),
    WRONG_CONTEXT("WrongKeyContext", 401, "The key context does not allow this request"),
    FORBIDDEN("Forbidden", 403, "Forbidden"),
    LOCKED("EntityLocked", 403, "The entity is locked"),
    NOT_FOUND("ResourceNotFound", 404, "Resource not found"),
    METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "Method not allowed"),
    REQUEST_TIMEOUT("RequestTimeout", 408, "Request timeout"),
    NAME_TAKEN("NameAlreadyTaken", 409, "Name already taken"),
    CONFLICT("Conflict", 409, "Conflict"),
    PROFILE_IN_USE("CannotDeleteProfileInUse", 409, "Profile is in use"),
    PROFILE_INHERITED("CannotDeleteProfileInherited", 409, "Profile is inherited"),
    PAYLOAD_TOO_LARGE("PayloadTooLarge", 413, "Payload too large"),
    URI_TOO_LONG("UriTooLong", 414, "Request URI too long"),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", 415, "Unsupported media type"),
    RATE_LIMITED("RateLimited", 429, "Rate limited"),
    HEADERS_TOO_LARGE("HeadersTooLarge", 431, "Request headers too large"),
    INTERNAL("InternalError", 500, "Internal error"),
    NOT_IMPLEMENTED("NotImplemented", 501, "Not implemented"),
    UNAVAILABLE("ServiceUnavailable", 503, "Service unavailable"),
    HTTP_VERSION_NOT_SUPPORTED("HttpVersionNotSupported", 505, "HTTP version not supported");

    private final String code;
    private final int status;
    private final String cause;

    ErrorCode(String code, int status, String cause) {
        this.code = code;
        this.status = status;
        this.cause = cause;
    }

    public String code() {
        return code;
    }

    /**
     * The HTTP status this code had before the HTTP adapter took that mapping over; only the MQTT
     * adapter still reads it (to tell refused rights from bad input), and asks by code once its
     * rewrite lands, so the numbers leave {@code core}.
     *
     * @deprecated HTTP statuses are {@code api.Errors#statusCode}'s; ask by code instead
     */
    @Deprecated(forRemoval = true)
    public int status() {
        return status;
    }

    public String cause() {
        return cause;
    }
}
