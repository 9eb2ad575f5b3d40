package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both script styles of docs/methods.md, and every built-in through Device.api.x and this.x. */
class ScriptStylesTest extends ScriptRunnerSupport {
    @Test
    void legacyStyle_setPropertyThenDone_answersTheStoredValue() {
        FakeHost host = new FakeHost();
        String body = """
                Device.api.setProperty('temperature', { value: value, time: '2026-12-02T10:00:00Z' })
                  .then(property => { done(null, property.value); })
                  .catch(error => { done(error, null); });
                """;
        assertThat(result(body, "21", host).asInt()).isEqualTo(21);
        assertThat(host.calls)
                .containsExactly("setProperty(temperature, {\"value\":21,\"time\":\"2026-12-02T10:00:00Z\"})");
    }

    @Test
    void currentStyle_thisSetProperty_returnsThePromisedValue() {
        FakeHost host = new FakeHost();
        String body = """
                let kelvin = ((value - 32) / 1.8) + 273.15;
                return this.setProperty("temperature", { value: kelvin, time: new Date(0).toISOString() })
                           .then(prop => prop.value);
                """;
        assertThat(result(body, "32", host).asDouble()).isEqualTo(273.15);
        assertThat(host.calls).hasSize(1).first().asString().startsWith("setProperty(temperature, {\"value\":273.15");
    }

    @Test
    void currentStyle_asyncAwait_chainsBuiltIns() {
        FakeHost host = new FakeHost();
        String body = """
                const p = await this.getProperty('temperature');
                await this.log('info', 'read ' + p.value + ' ' + p.meta.name);
                return { doubled: p.value * 2, at: p.time };
                """;
        assertThat(result(body, "null", host).toString()).isEqualTo("{\"doubled\":43,\"at\":\"2026-12-02T10:00:00Z\"}");
        assertThat(host.calls).containsExactly("getProperty(temperature)", "log(info, read 21.5 temperature)");
    }

    @Test
    void legacyStyle_deviceName_isTheObjectName() {
        assertThat(result("done(null, Device.name + '/' + this.name + '/' + App.name)")
                        .asText())
                .isEqualTo("thermo.1/thermo.1/thermo.1");
    }

    @Test
    void legacyStyle_doneCalledTwice_keepsTheFirst() {
        assertThat(result("done(null, 1); done(null, 2); return 3;").asInt()).isEqualTo(1);
    }

    @Test
    void currentStyle_noReturn_answersNull() {
        assertThat(result("let x = value * 2;").isNull()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "setProperty('t', {value: 1}) | setProperty(t, {\"value\":1}) | {\"value\":1}",
                "getProperty('t') | getProperty(t) | {\"meta\":{\"name\":\"t\"},\"time\":\"2026-12-02T10:00:00Z\",\"value\":21.5}",
                "log('warning', 'hot') | log(warning, hot) | null",
                "readData('t', {limit: 1}) | readData(t, {\"limit\":1}) | {\"results\":[{\"t\":\"2026-12-02T10:00:00Z\",\"v\":1}]}",
                "findDevices({tags: ['a']}) | findDevices({\"tags\":[\"a\"]}) | [\"_dev_1\",\"_dev_2\"]",
                "executeDeviceMethod('_dev_1', 'open', 5) | executeDeviceMethod(_dev_1, open, 5) | {\"result\":{\"ran\":\"open\"}}",
                "setDeviceProperty('_dev_1', 'p', {value: 2}) | setDeviceProperty(_dev_1, p, {\"value\":2}) | {\"value\":2}",
                "getDeviceProperty('_dev_1', 'p') | getDeviceProperty(_dev_1, p) | 7",
                "other(4) | callOwnMethod(other, 4) | {\"ran\":\"other\"}",
            })
    void everyBuiltIn_reachesTheHost_inBothStyles(String invocation, String recorded, String answer) {
        String legacyInvocation = invocation.startsWith("other") ? "Device." + invocation : "Device.api." + invocation;
        FakeHost legacy = new FakeHost();
        assertThat(result(
                                legacyInvocation + ".then(r => done(null, r === undefined ? null : r), e => done(e))",
                                "null",
                                legacy)
                        .toString())
                .isEqualTo(answer);
        assertThat(legacy.calls).containsExactly(recorded);

        FakeHost current = new FakeHost();
        assertThat(result("const r = await this." + invocation + "; return r;", "null", current)
                        .toString())
                .isEqualTo(answer);
        assertThat(current.calls).containsExactly(recorded);
    }

    @Test
    void builtIns_returnPromises() {
        assertThat(result("return [this.getProperty('t'), Device.api.log('info', 'x'), this.other(1)]"
                                + ".every(p => p instanceof Promise)")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void builtIn_hostRefusal_isARejectionTheScriptCanCatch() {
        FakeHost host = new FakeHost();
        host.failWith = "device '_dev_9' is not in the gateway's context";
        String body =
                "try { await this.getDeviceProperty('_dev_9', 'p'); return 'no'; } catch (e) { return e.message; }";
        assertThat(result(body, "null", host).asText()).isEqualTo("device '_dev_9' is not in the gateway's context");
    }

    @Test
    void builtIn_wrongArguments_isARejection() {
        assertThat(result("return this.setProperty(42, {}).catch(e => e.name + ': ' + e.message)")
                        .asText())
                .isEqualTo("TypeError: setProperty: name must be a non-empty string");
        assertThat(result("return this.log('loud', 'x').catch(e => e.message)").asText())
                .isEqualTo("log: level must be one of error, debug, info, warning");
        assertThat(result("return this.setProperty('t', {value: () => 1}).catch(e => e.message)")
                        .asText())
                .isEqualTo("setProperty: arguments must be JSON, found a function at setProperty[1].value");
    }

    @Test
    void value_isTheArgumentAsJson() {
        assertThat(result("return value", "{\"a\":[1,\"x\",null,true]}", new FakeHost())
                        .toString())
                .isEqualTo("{\"a\":[1,\"x\",null,true]}");
        assertThat(result("return arguments.length + ':' + typeof value").asText())
                .isEqualTo("1:object");
    }
}
