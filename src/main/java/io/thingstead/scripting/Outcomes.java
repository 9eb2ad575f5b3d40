package io.thingstead.scripting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import io.thingstead.scripting.ScriptResult.Success;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** Turns what a call left (the prelude's state, or what stopped the context) into a result. */
final class Outcomes {
    private static final String STATEMENT_LIMIT = "Statement count limit";
    private static final long MIB = 1024 * 1024;
    /** What a resource exhausted that is no memory says: a stack overflow. */
    private static final Pattern STACK = Pattern.compile("(?i)stack");

    private static final String SHARED_MEMORY = "was stopped: the method calls running on the server had together"
            + " allocated more memory than they may, and it had allocated the most";
    private static final String NEVER_FINISHED =
            "never finished: it returned no result and its promise never settled or done() was never called";

    private Outcomes() {}

    static ScriptResult of(ScriptCall call, Value state, Chain chain, ObjectMapper mapper, long start)
            throws JsonProcessingException {
        if (!state.getMember("settled").asBoolean()) {
            return failure(call, Kind.TIMEOUT, NEVER_FINISHED, start);
        }
        if (state.getMember("ok").asBoolean()) {
            String json = state.getMember("json").asString();
            int size = json.getBytes(StandardCharsets.UTF_8).length;
            if (size > call.limits().maxResultBytes()) {
                return failure(
                        call,
                        Kind.RESULT_TOO_LARGE,
                        "returned " + size + " bytes, more than "
                                + call.limits().maxResultBytes(),
                        start);
            }
            return new Success(mapper.readTree(json), since(start));
        }
        Value notJson = state.getMember("notJson");
        if (!notJson.isNull()) {
            return failure(call, Kind.NOT_JSON, "returned something that is not JSON: " + notJson.asString(), start);
        }
        Value error = state.getMember("error");
        String message = error.getMember("message").asString();
        int line = Math.max(0, error.getMember("line").asInt() - Engines.WRAP_LINES);
        int column = line == 0 ? 0 : error.getMember("column").asInt();
        if (error.getMember("host").asBoolean()) {
            Kind kind = chain.wasDepthExceeded() ? Kind.DEPTH_EXCEEDED : Kind.HOST_ERROR;
            return new Failure(kind, named(call) + " failed in a built-in: " + message, line, column, since(start));
        }
        String at = line == 0 ? "" : " at line " + line;
        return new Failure(Kind.THROWN, named(call) + " threw" + at + ": " + message, line, column, since(start));
    }

    static ScriptResult of(ScriptCall call, PolyglotException e, Chain chain, long start) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (chain.stopped() != null) {
            return stopped(call, chain.stopped(), start);
        }
        if (message.startsWith(STATEMENT_LIMIT)) {
            return failure(
                    call, Kind.STATEMENT_LIMIT, "ran more than " + call.limits().statements() + " statements", start);
        }
        if (e.isCancelled()) {
            return failure(call, Kind.TIMEOUT, ranOutOfTime(call), start);
        }
        if (e.isHostException() && e.asHostException() instanceof OutOfMemoryError oom) {
            return outOfMemory(call, oom.getMessage(), start);
        }
        if (e.isResourceExhausted()) {
            return STACK.matcher(message).find()
                    ? failure(call, Kind.THROWN, "ran out of stack: " + message, start)
                    : outOfMemory(call, message, start);
        }
        return failure(call, Kind.INTERNAL, "failed in the runtime: " + message, start);
    }

    /** A chain the watchdog stopped: at its deadline, or past its memory budget. */
    static Failure stopped(ScriptCall call, Chain.Stop why, long start) {
        return switch (why) {
            case TIME -> failure(call, Kind.TIMEOUT, ranOutOfTime(call), start);
            case MEMORY ->
                failure(
                        call,
                        Kind.MEMORY_LIMIT,
                        "allocated more than " + size(call.limits().memory()),
                        start);
            case SHARED_MEMORY -> failure(call, Kind.MEMORY_LIMIT, SHARED_MEMORY, start);
        };
    }

    /** The Java heap filled up while the call ran (an {@link OutOfMemoryError} on its thread). */
    static Failure outOfMemory(ScriptCall call, String why, long start) {
        return failure(
                call, Kind.MEMORY_LIMIT, "ran out of memory (" + (why == null ? "Java heap space" : why) + ")", start);
    }

    static String ranOutOfTime(ScriptCall call) {
        return "ran longer than " + call.limits().time().toMillis() + " ms";
    }

    /** Bytes as MiB when whole ({@code 256 MiB}), else as bytes. */
    static String size(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }

    static Failure failure(ScriptCall call, Kind kind, String what, long start) {
        return new Failure(kind, named(call) + " " + what, 0, 0, since(start));
    }

    static String named(ScriptCall call) {
        return "method '" + call.method() + "'";
    }

    static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
