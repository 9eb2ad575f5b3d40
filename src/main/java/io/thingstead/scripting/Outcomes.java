package io.thingstead.scripting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import io.thingstead.scripting.ScriptResult.Success;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** Turns what a call left (the prelude's state, or what stopped the context) into a result. */
final class Outcomes {
    private static final String STATEMENT_LIMIT = "Statement count limit";
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
        if (chain.timedOut()) {
            return failure(call, Kind.TIMEOUT, ranOutOfTime(call), start);
        }
        if (message.startsWith(STATEMENT_LIMIT)) {
            return failure(
                    call, Kind.STATEMENT_LIMIT, "ran more than " + call.limits().statements() + " statements", start);
        }
        if (e.isCancelled()) {
            return failure(call, Kind.TIMEOUT, ranOutOfTime(call), start);
        }
        if (e.isResourceExhausted()) {
            return failure(call, Kind.THROWN, "ran out of memory or stack: " + message, start);
        }
        if (e.isHostException() && e.asHostException() instanceof OutOfMemoryError) {
            return failure(call, Kind.THROWN, "ran out of memory", start);
        }
        return failure(call, Kind.INTERNAL, "failed in the runtime: " + message, start);
    }

    static String ranOutOfTime(ScriptCall call) {
        return "ran longer than " + call.limits().time().toMillis() + " ms";
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
