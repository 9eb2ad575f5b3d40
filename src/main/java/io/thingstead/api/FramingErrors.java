package io.thingstead.api;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.thingstead.core.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers Helidon's HTTP/1 layer gives before a request reaches routing (a malformed request
 * line or header, a bad Content-Length or Transfer-Encoding, sizes over the limits, HTTP/1.0): the
 * Connio error array like every other error, and one log line without a stack trace (README:
 * Security model).
 */
final class FramingErrors implements DirectHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FramingErrors.class);
    /** What Helidon says instead of a reason it considers unsafe to send. */
    private static final String HELIDON_PLACEHOLDER = "Bad request, see server log for more information";

    private final ReadDeadlines deadlines;

    private FramingErrors(ReadDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    static DirectHandlers handlers(ReadDeadlines deadlines) {
        FramingErrors handler = new FramingErrors(deadlines);
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            b.addHandler(type, handler);
        }
        return b.build();
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders headers,
            String message) {
        // A request line or header Helidon's parser fails on (a method with a control character)
        // reaches here as an internal error of no request: it is the client's.
        boolean unparsed = defaultStatus.code() == 500 && request.method().isEmpty();
        ErrorCode code = unparsed ? ErrorCode.BAD_REQUEST : codeOf(defaultStatus, message);
        String text = messageOf(code, unparsed ? null : message);
        if (code == ErrorCode.INTERNAL) {
            // Helidon logs the failure itself, with its cause
            text = "The server failed to handle the request; it has been logged";
        } else if (!deadlines.timedOut()) { // a timed-out request was answered 408 and logged already
            LOG.info(
                    "Refused {}: {} {}",
                    request.method().isEmpty()
                            ? "a request"
                            : Printable.of(request.method()) + " " + Printable.of(request.path()),
                    Errors.statusCode(code),
                    text);
        }
        Status status = Errors.statusCode(code) == defaultStatus.code() ? defaultStatus : Errors.status(code);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(Errors.body(code, text))
                .build();
    }

    private static ErrorCode codeOf(Status status, String message) {
        return switch (status.code()) {
            case 400 ->
                message != null && message.contains("Header size exceeded")
                        ? ErrorCode.HEADERS_TOO_LARGE
                        : ErrorCode.BAD_REQUEST;
            case 403 -> ErrorCode.FORBIDDEN;
            case 408 -> ErrorCode.REQUEST_TIMEOUT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 501 -> ErrorCode.NOT_IMPLEMENTED;
            case 503 -> ErrorCode.UNAVAILABLE;
            case 505 -> ErrorCode.HTTP_VERSION_NOT_SUPPORTED;
            default -> status.code() < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
        };
    }

    private static String messageOf(ErrorCode code, String reason) {
        boolean usable = reason != null && !reason.isBlank() && !reason.equals(HELIDON_PLACEHOLDER);
        return switch (code) {
            case HEADERS_TOO_LARGE -> "The request headers exceed " + HttpLimits.MAX_HEADERS + " bytes";
            case URI_TOO_LONG -> "The request line exceeds " + HttpLimits.MAX_REQUEST_LINE + " bytes";
            case PAYLOAD_TOO_LARGE -> "The body exceeds " + HttpLimits.MAX_BODY + " bytes";
            case HTTP_VERSION_NOT_SUPPORTED -> "Only HTTP/1.1 is served";
            case NOT_IMPLEMENTED -> "Only the chunked transfer coding is supported";
            case BAD_REQUEST ->
                usable ? "The request is not valid HTTP/1.1: " + reason : "The request is not valid HTTP/1.1";
            default -> usable ? reason : code.cause();
        };
    }
}
