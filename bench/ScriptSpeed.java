import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.thingstead.scripting.Host;
import io.thingstead.scripting.Limits;
import io.thingstead.scripting.ScriptCall;
import io.thingstead.scripting.ScriptResult;
import io.thingstead.scripting.ScriptRunner;
import java.time.Duration;
import java.util.List;
import org.graalvm.polyglot.Engine;

/**
 * Calls/s of a trivial method and of a CPU-heavy one through ScriptRunner, on one thread, after a
 * warm-up: bench/run scripts runs it once per runtime (interpreted, and optimizing when the JDK
 * has JVMCI). Usage: java -cp thingstead.jar:lib/* bench/ScriptSpeed.java LABEL SECONDS
 */
public class ScriptSpeed {
    static final String TRIVIAL = "return value + 1;";
    static final String HEAVY = """
            let count = 0;
            for (let n = 2; count < value; n++) {
              let prime = true;
              for (let d = 2; d * d <= n; d++) { if (n % d === 0) { prime = false; break; } }
              if (prime) count++;
            }
            return count;
            """;

    public static void main(String[] args) throws Exception {
        String label = args.length > 0 ? args[0] : "?";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        String implementation;
        try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
            implementation = engine.getImplementationName();
        }
        Limits limits = new Limits(Duration.ofMinutes(5), 1_000_000_000_000L, 65536, 1 << 20, 8);
        try (ScriptRunner runner = new ScriptRunner()) {
            double trivial = rate(runner, TRIVIAL, 1, limits, seconds);
            double heavy = rate(runner, HEAVY, 2000, limits, seconds);
            System.out.printf("| %s | %s | %,.0f | %,.1f |%n", label, implementation, trivial, heavy);
        }
    }

    /** Warm-up for a third of the time, then calls/s over the rest. */
    static double rate(ScriptRunner runner, String body, int arg, Limits limits, double seconds) {
        ScriptCall call = new ScriptCall("_acc_bench", "bench", "m", body, IntNode.valueOf(arg), limits);
        Host host = new NoHost();
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        while (System.nanoTime() < warmEnd) {
            check(runner.run(call, host));
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 2 / 3 * 1e9);
        long calls = 0;
        while (System.nanoTime() < end) {
            check(runner.run(call, host));
            calls++;
        }
        return calls / ((System.nanoTime() - start) / 1e9);
    }

    static void check(ScriptResult result) {
        if (!(result instanceof ScriptResult.Success)) {
            throw new IllegalStateException(result.toString());
        }
    }

    static final class NoHost implements Host {
        public JsonNode setProperty(String name, JsonNode point) { return point; }
        public JsonNode getProperty(String name) { return null; }
        public void log(String level, String message) {}
        public JsonNode readData(String name, JsonNode query) { return null; }
        public JsonNode callOwnMethod(String name, JsonNode value) { return null; }
        public List<String> findDevices(JsonNode filter) { return List.of(); }
        public JsonNode executeDeviceMethod(String deviceId, String method, JsonNode value) { return null; }
        public JsonNode setDeviceProperty(String deviceId, String name, JsonNode point) { return point; }
        public JsonNode getDeviceProperty(String deviceId, String name) { return null; }
    }
}
