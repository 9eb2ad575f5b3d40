package io.thingstead.core;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;

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

    /**
     * The Connio error body {@code [{"code","cause","message","moreInfoUrl"}]} of a code and
     * message, as every transport writes it (docs/connio.md: Errors and status codes).
     */
    public static ArrayNode errorArray(ErrorCode code, String message) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        arr.addObject()
                .put("code", code.code())
                .put("cause", code.cause())
                .put("message", message)
                .put(
                        "moreInfoUrl",
                        "https://docs.connio.com/v3/error/" + code.code().toLowerCase(Locale.ROOT));
        return arr;
    }

    /** This exception's Connio error body. */
    public ArrayNode errorArray() {
        return errorArray(code, getMessage());
    }
}
