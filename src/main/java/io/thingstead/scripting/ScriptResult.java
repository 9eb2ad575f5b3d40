package io.thingstead.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** How a method call ended: its JSON result, or a failure of one closed kind. */
public sealed interface ScriptResult {
    /** Wall time of the call, nested calls included. */
    Duration took();

    record Success(JsonNode result, Duration took) implements ScriptResult {}

    /**
     * A failed call. {@code message} is fit for the device log; {@code line} and {@code column}
     * (from 1, within the body) are 0 when unknown.
     */
    record Failure(Kind kind, String message, int line, int column, Duration took) implements ScriptResult {}

    enum Kind {
        /** The body does not parse. */
        SYNTAX,
        /** The call ran past its time, or can never finish (no result, done() never called). */
        TIMEOUT,
        STATEMENT_LIMIT,
        /** The call allocated more than its memory budget, or the Java heap filled up while it ran. */
        MEMORY_LIMIT,
        /** The script threw or rejected (or called done with an error). */
        THROWN,
        /** The result is not JSON: a function, a symbol, a bigint, a cycle, too deep. */
        NOT_JSON,
        RESULT_TOO_LARGE,
        SCRIPT_TOO_LARGE,
        /** Method-to-method calls nested deeper than the limit. */
        DEPTH_EXCEEDED,
        /** A built-in failed and the script did not handle it. */
        HOST_ERROR,
        /** Our fault, not the script's. */
        INTERNAL;

        /** Whether the reference's quarantine applies: the script's own fault at run time. */
        public boolean faultOfScript() {
            return this != SYNTAX && this != SCRIPT_TOO_LARGE && this != INTERNAL;
        }
    }
}
