package io.thingstead.scripting;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import io.thingstead.scripting.ScriptSyntax.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Runs method bodies: the one entry point of the script runtime. Thread-safe; calls run on the
 * caller's thread, each in a context of its account that no other call uses at the same time. On a
 * platform thread the call's allocations count against its memory budget; on a virtual thread the
 * JVM does not count them, and only the other limits apply. A call nested in another on the same
 * thread (through {@link Host#callOwnMethod} or {@link Host#executeDeviceMethod}) shares the outer
 * call's deadline and memory budget and counts one level deeper; its own time and memory limits
 * are not used.
 */
public final class ScriptRunner implements AutoCloseable {
    private static final Pattern USES_DONE = Pattern.compile("\\bdone\\b");
    private static final int MAX_CHECKED = 4096;
    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    private record Frame(Chain chain, int depth) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final ContextPool pool;
    private final ScheduledThreadPoolExecutor watchdog;
    private final ChainWatch watch;
    private final Map<String, Optional<Problem>> checked = new ConcurrentHashMap<>();

    public ScriptRunner() {
        this(2, 256, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * At most {@code idlePerAccount} idle contexts kept per account, {@code idleTotal} in all; the
     * calls running at once may allocate {@code sharedMemory} bytes together ({@link ChainWatch}).
     */
    public ScriptRunner(int idlePerAccount, int idleTotal, long sharedMemory) {
        this.pool = new ContextPool(idlePerAccount, idleTotal);
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "script-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
        this.watch = new ChainWatch(watchdog, sharedMemory, ScriptRunner::stop);
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
                watch.remove(chain);
                chain.finish();
                CURRENT.remove();
            } else {
                CURRENT.set(parent);
            }
        }
    }

    /**
     * The outermost call's time and memory count from once its context is ready, and cover its
     * nested calls: the watchdog stops the chain at the deadline, or when it has allocated too much,
     * and lowers its thread's priority once it has computed for long ({@link ChainWatch}).
     */
    private void watch(Chain chain, Limits limits) {
        chain.watchedBy(watchdog.schedule(
                () -> stop(chain, Chain.Stop.TIME), limits.time().toNanos(), NANOSECONDS));
        if (chain.startCounting()) {
            watch.add(chain, limits.memory());
        }
    }

    private static void stop(Chain chain, Chain.Stop why) {
        var contexts = chain.stop(why);
        if (!contexts.isEmpty()) {
            // a cancel waits for the script to stop: never on the watchdog's thread
            Thread.ofVirtual().start(() -> contexts.forEach(ScriptContext::cancel));
        }
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
            return Outcomes.stopped(call, chain.stopped(), start);
        }
        boolean reusable = false;
        try {
            context.reset();
            if (outermost) {
                watch(chain, call.limits());
            }
            Value fn = context.function(Engines.source(call.funcBody()));
            Value state = context.run(
                    fn,
                    host,
                    call.objectName(),
                    mapper.writeValueAsString(call.value()),
                    USES_DONE.matcher(call.funcBody()).find());
            if (context.hostRanOutOfMemory()) {
                return Outcomes.outOfMemory(call, "in a built-in", start);
            }
            ScriptResult result = Outcomes.of(call, state, chain, mapper, start);
            reusable = true;
            return result;
        } catch (PolyglotException e) {
            return context.hostRanOutOfMemory()
                    ? Outcomes.outOfMemory(call, "in a built-in", start)
                    : Outcomes.of(call, e, chain, start);
        } catch (JsonProcessingException | RuntimeException e) {
            return Outcomes.failure(call, Kind.INTERNAL, "failed in the runtime: " + e.getMessage(), start);
        } catch (OutOfMemoryError e) {
            // the heap filled up on this thread: the context goes, and with it what the script held
            return Outcomes.outOfMemory(call, e.getMessage(), start);
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
