package io.thingstead.scripting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import io.thingstead.scripting.ScriptSyntax.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Runs method bodies: the one entry point of the script runtime. Thread-safe; calls run on the
 * caller's thread (a virtual thread is fine), each in a context of its account that no other call
 * uses at the same time. A call nested in another on the same thread (through {@link
 * Host#callOwnMethod} or {@link Host#executeDeviceMethod}) shares the outer call's deadline and
 * counts one level deeper; its own time limit is not used.
 */
public final class ScriptRunner implements AutoCloseable {
    private static final Pattern USES_DONE = Pattern.compile("\\bdone\\b");
    private static final int MAX_CHECKED = 4096;
    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    private record Frame(Chain chain, int depth) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final ContextPool pool;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Map<String, Optional<Problem>> checked = new ConcurrentHashMap<>();

    public ScriptRunner() {
        this(2, 256);
    }

    /** At most {@code idlePerAccount} idle contexts kept per account, {@code idleTotal} in all. */
    public ScriptRunner(int idlePerAccount, int idleTotal) {
        this.pool = new ContextPool(idlePerAccount, idleTotal);
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "script-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    public ScriptResult run(ScriptCall call, Host host) {
        long start = System.nanoTime();
        Limits limits = call.limits();
        Frame parent = CURRENT.get();
        if (call.funcBody().getBytes(StandardCharsets.UTF_8).length > limits.maxScriptBytes()) {
            return Outcomes.failure(
                    call, Kind.SCRIPT_TOO_LARGE, "is larger than " + limits.maxScriptBytes() + " bytes", start);
        }
        Optional<Problem> problem = syntax(call.funcBody());
        if (problem.isPresent()) {
            Problem p = problem.get();
            return new Failure(
                    Kind.SYNTAX,
                    Outcomes.named(call) + " does not parse at line " + p.line() + ", column " + p.column() + ": "
                            + p.message(),
                    p.line(),
                    p.column(),
                    Outcomes.since(start));
        }
        int depth = parent == null ? call.depth() : parent.depth() + 1;
        if (depth > limits.maxCallDepth()) {
            if (parent != null) {
                parent.chain().depthExceeded();
            }
            return Outcomes.failure(
                    call, Kind.DEPTH_EXCEEDED, "nests method calls deeper than " + limits.maxCallDepth(), start);
        }
        Chain chain = parent == null ? new Chain() : parent.chain();
        CURRENT.set(new Frame(chain, depth));
        try {
            return execute(call, host, chain, parent == null, start);
        } finally {
            if (parent == null) {
                chain.finish();
                CURRENT.remove();
            } else {
                CURRENT.set(parent);
            }
        }
    }

    /** The outermost call's time starts once its context is ready, and covers its nested calls. */
    private void watch(Chain chain, Duration time) {
        chain.watchedBy(watchdog.schedule(
                () -> {
                    var contexts = chain.timeOut();
                    if (!contexts.isEmpty()) {
                        // a cancel waits for the script to stop: never on the watchdog's thread
                        Thread.ofVirtual().start(() -> contexts.forEach(ScriptContext::cancel));
                    }
                },
                time.toNanos(),
                TimeUnit.NANOSECONDS));
    }

    private ScriptResult execute(ScriptCall call, Host host, Chain chain, boolean outermost, long start) {
        ScriptContext context;
        try {
            context = pool.borrow(call.accountId(), call.limits().statements());
        } catch (RuntimeException e) {
            return Outcomes.failure(call, Kind.INTERNAL, "could not start: " + e.getMessage(), start);
        }
        if (!chain.enter(context)) {
            context.close();
            return Outcomes.failure(call, Kind.TIMEOUT, Outcomes.ranOutOfTime(call), start);
        }
        boolean reusable = false;
        try {
            context.reset();
            if (outermost) {
                watch(chain, call.limits().time());
            }
            Value fn = context.function(Engines.source(call.funcBody()));
            Value state = context.run(
                    fn,
                    host,
                    call.objectName(),
                    mapper.writeValueAsString(call.value()),
                    USES_DONE.matcher(call.funcBody()).find());
            ScriptResult result = Outcomes.of(call, state, chain, mapper, start);
            reusable = true;
            return result;
        } catch (PolyglotException e) {
            return Outcomes.of(call, e, chain, start);
        } catch (JsonProcessingException | RuntimeException e) {
            return Outcomes.failure(call, Kind.INTERNAL, "failed in the runtime: " + e.getMessage(), start);
        } finally {
            if (chain.leave(context) && reusable) {
                pool.giveBack(context);
            } else {
                context.cancel();
            }
        }
    }

    private Optional<Problem> syntax(String funcBody) {
        Optional<Problem> known = checked.get(funcBody);
        if (known != null) {
            return known;
        }
        if (checked.size() >= MAX_CHECKED) {
            checked.clear();
        }
        Optional<Problem> found = ScriptSyntax.check(funcBody);
        checked.put(funcBody, found);
        return found;
    }

    /** Stops the watchdog and closes the idle contexts; calls still running finish on their own. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        pool.close();
    }
}
