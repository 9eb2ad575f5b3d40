package io.thingstead.core;

/**
 * The one exception family of the platform: a stable code and a human message. Transports map it
 * to their own error shape (HTTP status + Connio error array, MQTT reason code).
 */
public final class ApiException extends RuntimeException {
    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ApiException invalid(String field, String problem) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "'" + field + "' " + problem);
    }

    public static ApiException notFound(String what, String ref) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " '" + ref + "' not found");
    }

    /** A reference inside a request body that names nothing visible: the request is invalid. */
    public static ApiException unknownReference(String field, String what, String ref) {
        return new ApiException(
                ErrorCode.VALIDATION_FAILED, "'" + field + "' names " + what + " '" + ref + "' that does not exist");
    }

    public static ApiException locked(String what) {
        return new ApiException(ErrorCode.LOCKED, what + " is locked and cannot be modified or deleted");
    }
}
