package io.thingstead.scripting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One sandboxed context of one account, used by one thread at a time: the prelude's run function
 * and the wrapped bodies it has evaluated. Its statement count is reset before each call.
 */
final class ScriptContext {
    private static final int MAX_FUNCTIONS = 256;
    private static final Source PRELUDE =
            Source.newBuilder(Engines.JS, prelude(), "prelude.js").cached(true).buildLiteral();

    final String poolKey;
    private final Context context;
    private final Bridge bridge = new Bridge();
    private final Value run;
    private final Map<Source, Value> functions = new HashMap<>();

    private ScriptContext(String poolKey, Context context) {
        this.poolKey = poolKey;
        this.context = context;
        this.run = context.eval(PRELUDE).execute(bridge);
    }

    static ScriptContext open(String poolKey, long statements) {
        Context context = Engines.context()
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(statements, null)
                        .build())
                .build();
        try {
            return new ScriptContext(poolKey, context);
        } catch (RuntimeException e) {
            closeQuietly(context, true);
            throw e;
        }
    }

    /** Starts a call: the statement count starts again from zero. */
    void reset() {
        context.resetLimits();
    }

    /** Runs the wrapped body with this host for its built-ins; answers the prelude's state. */
    Value run(Value fn, Host host, String objectName, String valueJson, boolean usesDone) {
        bridge.serve(host);
        try {
            return run.execute(fn, objectName, valueJson, usesDone);
        } finally {
            bridge.release();
        }
    }

    /** Whether a built-in of the last call ran out of memory (the script saw an error it could catch). */
    boolean hostRanOutOfMemory() {
        return bridge.ranOutOfMemory();
    }

    /** The wrapped body as a function of this context, evaluated once. */
    Value function(Source source) {
        Value fn = functions.get(source);
        if (fn == null) {
            if (functions.size() >= MAX_FUNCTIONS) {
                functions.clear();
            }
            fn = context.eval(source);
            functions.put(source, fn);
        }
        return fn;
    }

    /** Stops whatever runs in it, from any thread. */
    void cancel() {
        closeQuietly(context, true);
    }

    void close() {
        closeQuietly(context, false);
    }

    // After a cancel or a statement limit, close() rethrows what stopped the context.
    private static void closeQuietly(Context context, boolean cancel) {
        try {
            context.close(cancel);
        } catch (PolyglotException | IllegalStateException e) {
            // closed already, or closing reported the cancel itself
        }
    }

    private static String prelude() {
        try (InputStream in = ScriptContext.class.getResourceAsStream("prelude.js")) {
            if (in == null) {
                throw new IllegalStateException("prelude.js is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
