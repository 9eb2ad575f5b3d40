package io.thingstead.api;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.thingstead.core.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * Reads a request body, at most {@link HttpLimits#MAX_BODY} bytes. A body that is too large,
 * truncated or wrongly framed is {@link Refused} (never a 500); a client that went away, or whose
 * read deadline passed, ends with a {@link CloseConnectionException} and no answer.
 */
final class RequestBody {
    private static final byte[] EMPTY = new byte[0];

    private RequestBody() {}

    /** A refused body: the error to answer with; the connection is closed after that answer. */
    static final class Refused extends RuntimeException {
        final ErrorCode code;

        Refused(ErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    static byte[] read(ServerRequest req) {
        OptionalLong length;
        try {
            length = req.headers().contentLength();
        } catch (IllegalArgumentException e) {
            throw new Refused(ErrorCode.BAD_REQUEST, "The Content-Length is not a valid length");
        }
        if (!req.content().hasEntity()) {
            return EMPTY;
        }
        boolean declaredTooLarge = length.isPresent() && length.getAsLong() > HttpLimits.MAX_BODY;
        if (declaredTooLarge && req.headers().containsToken(HeaderValues.EXPECT_100) && !req.continueSent()) {
            // the client waits for 100 Continue before it sends the body: it is not told to
            throw tooLarge();
        }
        // Not closed on failure: closing reads on, and the connection is closed after the answer.
        InputStream in = req.content().inputStream();
        try {
            if (declaredTooLarge) {
                throw discardRest(in);
            }
            // With a Content-Length, one array of that size (readNBytes(MAX_BODY + 1) allocated
            // chunk buffers per request: a third of all allocation under single-point writes).
            byte[] bytes = length.isPresent()
                    ? in.readNBytes((int) length.getAsLong())
                    : in.readNBytes(HttpLimits.MAX_BODY + 1);
            if (length.isPresent() && bytes.length < length.getAsLong()) {
                throw truncated(length);
            }
            if (bytes.length > HttpLimits.MAX_BODY) {
                throw discardRest(in);
            }
            in.close(); // marks the entity as read
            return bytes;
        } catch (Refused | CloseConnectionException e) {
            throw e;
        } catch (RequestException e) {
            throw e.status().code() == 413 ? tooLarge() : malformed(length);
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw truncated(length);
        } catch (UncheckedIOException e) {
            throw new CloseConnectionException("The connection failed while its body was read", e);
        } catch (IOException | RuntimeException e) {
            throw malformed(length);
        }
    }

    /**
     * A body refused for its size: up to {@link HttpLimits#MAX_DISCARDED} more of it is read and
     * dropped before the answer, so a client that sends its whole body before reading sees the
     * 413 rather than a reset connection.
     */
    private static Refused discardRest(InputStream in) {
        try {
            in.skipNBytes(HttpLimits.MAX_DISCARDED);
        } catch (CloseConnectionException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // the end of the body, or a broken one: the 413 goes out and the connection is closed
        }
        return tooLarge();
    }

    private static Refused tooLarge() {
        return new Refused(ErrorCode.PAYLOAD_TOO_LARGE, "The body exceeds " + HttpLimits.MAX_BODY + " bytes");
    }

    private static Refused truncated(OptionalLong length) {
        return new Refused(
                ErrorCode.BAD_REQUEST,
                length.isPresent()
                        ? "The body ended before its Content-Length of " + length.getAsLong() + " bytes"
                        : "The chunked body ended before its last chunk");
    }

    private static Refused malformed(OptionalLong length) {
        return new Refused(
                ErrorCode.BAD_REQUEST,
                length.isPresent() ? "The body cannot be read" : "The chunked body is not framed correctly");
    }
}
