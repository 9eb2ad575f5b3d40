package io.thingstead.core;

/**
 * Stable Connio error codes and the cause each one states. Which HTTP status or MQTT reason code a
 * code becomes is for each transport to say (api: {@code Errors}, mqtt: {@code MqttErrors}; one mapper per transport).
 */
public enum ErrorCode {
    VALIDATION_FAILED("ValidationFailed", "Validation failed"),
    MALFORMED_JSON("MalformedJson", "Malformed JSON"),
    BAD_REQUEST("BadRequest", "Bad request"),
    NOT_A_GATEWAY("NotAGateway", "Device is not a gateway"),
    GATEWAY_MUST_BE_FIRST("GatewayMustBeFirst", "The gateway must be the first id of its key context"),
    RESERVED_PROPERTY_NAME("ReservedPropertyName", "Reserved property name"),
    RESERVED_METHOD_NAME("ReservedMethodName", "Reserved method name"),
    UNAUTHORIZED("Unauthorized", "Authentication failed"),
    MISSING_SCOPE("MissingScope", "The key lacks a required scope"),
    WRONG_CONTEXT("WrongKeyContext", "The key context does not allow this request"),
    FORBIDDEN("Forbidden", "Forbidden"),
    LOCKED("EntityLocked", "The entity is locked"),
    NOT_FOUND("ResourceNotFound", "Resource not found"),
    METHOD_NOT_ALLOWED("MethodNotAllowed", "Method not allowed"),
    REQUEST_TIMEOUT("RequestTimeout", "Request timeout"),
    NAME_TAKEN("NameAlreadyTaken", "Name already taken"),
    CONFLICT("Conflict", "Conflict"),
    METHOD_DISABLED("MethodDisabled", "The method is disabled on this device"),
    METHOD_FAILED("MethodFailed", "The method failed"),
    METHOD_TIMEOUT("MethodTimeout", "The method ran out of time"),
    METHOD_OUT_OF_MEMORY("MethodOutOfMemory", "The method used more memory than it may"),
    PROFILE_IN_USE("CannotDeleteProfileInUse", "Profile is in use"),
    PROFILE_INHERITED("CannotDeleteProfileInherited", "Profile is inherited"),
    PAYLOAD_TOO_LARGE("PayloadTooLarge", "Payload too large"),
    URI_TOO_LONG("UriTooLong", "Request URI too long"),
    UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", "Unsupported media type"),
    RATE_LIMITED("RateLimited", "Rate limited"),
    HEADERS_TOO_LARGE("HeadersTooLarge", "Request headers too large"),
    INTERNAL("InternalError", "Internal error"),
    NOT_IMPLEMENTED("NotImplemented", "Not implemented"),
    UNAVAILABLE("ServiceUnavailable", "Service unavailable"),
    HTTP_VERSION_NOT_SUPPORTED("HttpVersionNotSupported", "HTTP version not supported");

    private final String code;
    private final String cause;

    ErrorCode(String code, String cause) {
        this.code = code;
        this.cause = cause;
    }

    public String code() {
        return code;
    }

    public String cause() {
        return cause;
    }
}
