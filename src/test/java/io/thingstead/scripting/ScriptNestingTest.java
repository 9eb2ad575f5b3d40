package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.thingstead.scripting.ScriptResult.Failure;
import io.thingstead.scripting.ScriptResult.Kind;
import io.thingstead.scripting.ScriptResult.Success;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Method-to-method calls: the host runs the nested body through the same runner on the same thread. */
class ScriptNestingTest extends ScriptRunnerSupport {
    /** A device whose methods are the given bodies; a failed nested call is a host error. */
    private static FakeHost device(Map<String, String> methods, Limits limits) {
        FakeHost host = new FakeHost();
        host.methods = (name, value) -> {
            ScriptResult result =
                    runner.run(new ScriptCall("_acc_1", "thermo.1", name, methods.get(name), value, limits), host);
            if (result instanceof Success success) {
                return success.result();
            }
            throw new HostException(((Failure) result).message());
        };
        return host;
    }

    private static ScriptResult start(FakeHost host, String body, Limits limits) {
        return runner.run(new ScriptCall("_acc_1", "thermo.1", "outer", body, FakeHost.json("3"), limits), host);
    }

    @Test
    void ownMethod_runsNestedAndAnswersItsResult() {
        FakeHost host = device(Map.of("double", "return value * 2;"), LIMITS);
        ScriptResult result = start(host, "const a = await this.double(value);\nreturn Device.double(a);", LIMITS);
        assertThat(((Success) result).result().asInt()).isEqualTo(12);
        assertThat(host.calls).containsExactly("callOwnMethod(double, 3)", "callOwnMethod(double, 6)");
    }

    @Test
    void endlessMutualCalls_stopAtTheDepthLimit() {
        Limits limits =
                new Limits(Limits.DEFAULT_TIME, Limits.DEFAULT_STATEMENTS, 1000, 1000, 4, Limits.DEFAULT_MEMORY);
        FakeHost host = device(Map.of("again", "return this.again(value);"), limits);
        Failure failure = failure(start(host, "return this.again(value);", limits), Kind.DEPTH_EXCEEDED);
        assertThat(host.calls).hasSize(4);
        assertThat(failure.message()).contains("nests method calls deeper than 4");
    }

    @Test
    void nestedRunaway_stopsWithTheOuterDeadline() {
        Limits limits = Limits.defaults().withTime(Duration.ofMillis(300));
        FakeHost host = device(Map.of("spin", "while (true) {}"), limits);
        ScriptResult result = start(host, "return await this.spin(1);", limits);
        failure(result, Kind.TIMEOUT);
        assertThat(result.took()).isLessThan(Duration.ofMillis(300).plus(Duration.ofSeconds(2)));
    }

    @Test
    void gatewayExecutingAnEdgeMethod_answersItsResultObject() {
        FakeHost host = device(Map.of("open", "return {opened: value};"), LIMITS);
        JsonNode result = ((Success)
                        start(host, "return (await this.executeDeviceMethod('_dev_1', 'open', 9)).result;", LIMITS))
                .result();
        assertThat(result.toString()).isEqualTo("{\"opened\":9}");
    }
}
