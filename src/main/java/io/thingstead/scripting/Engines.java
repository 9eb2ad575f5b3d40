package io.thingstead.scripting;

import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

/**
 * The one GraalJS {@link Engine} of the process and what every context built on it shares: the
 * sandbox policy, the silenced streams and the parsed sources. Sharing the engine shares the code
 * of a method body between every context that runs it.
 */
final class Engines {
    static final String JS = "js";

    /**
     * A method body is wrapped so that it runs as the body of {@code async function m(value)}
     * called with {@code this} bound to the device, while {@code done}, {@code Device} and {@code
     * App} are what the legacy style sees as globals. The body starts on the second line.
     */
    static final String WRAP_HEAD = "(function (self, value, done, Device, App) { return (async function (value) {\n";

    static final String WRAP_TAIL = "\n}).call(self, value); })";
    static final int WRAP_LINES = 1;

    private static final int MAX_CACHED_SOURCES = 4096;
    private static final Map<String, Source> SOURCES = new ConcurrentHashMap<>();

    private Engines() {}

    private static final class Holder {
        static final Engine ENGINE = Engine.newBuilder(JS)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    static Engine engine() {
        return Holder.ENGINE;
    }

    /** A new context on the shared engine: constrained, no host access, no I/O, no output. */
    static Context.Builder context() {
        return Context.newBuilder(JS)
                .engine(engine())
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream());
    }

    /** The wrapped source of a method body, parsed once per engine and shared by every context. */
    static Source source(String funcBody) {
        Source cached = SOURCES.get(funcBody);
        if (cached != null) {
            return cached;
        }
        if (SOURCES.size() >= MAX_CACHED_SOURCES) {
            SOURCES.clear();
        }
        Source source = Source.newBuilder(JS, WRAP_HEAD + funcBody + WRAP_TAIL, "method.js")
                .cached(true)
                .buildLiteral();
        SOURCES.put(funcBody, source);
        return source;
    }
}
