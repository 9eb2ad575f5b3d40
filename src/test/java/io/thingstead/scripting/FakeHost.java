package io.thingstead.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A host that records every built-in call as "name(arg, arg)" with JSON arguments. */
class FakeHost implements Host {
    static final ObjectMapper JSON = new ObjectMapper();

    final List<String> calls = new CopyOnWriteArrayList<>();
    /** What callOwnMethod and executeDeviceMethod do; by default they answer the name and value. */
    BiFunction<String, JsonNode, JsonNode> methods = (name, value) -> json("{\"ran\":\"" + name + "\"}");

    String failWith;

    /** A host whose getProperty throws {@code thrown}, no {@link HostException}: a bug, or a full heap. */
    static FakeHost throwingOnGetProperty(Throwable thrown) {
        return new FakeHost() {
            @Override
            public JsonNode getProperty(String name) {
                if (thrown instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) thrown;
            }
        };
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void record(String call) {
        calls.add(call);
        if (failWith != null) {
            throw new HostException(failWith);
        }
    }

    @Override
    public JsonNode setProperty(String name, JsonNode point) {
        record("setProperty(" + name + ", " + point + ")");
        return point;
    }

    @Override
    public JsonNode getProperty(String name) {
        record("getProperty(" + name + ")");
        return json("{\"meta\":{\"name\":\"" + name + "\"},\"time\":\"2026-12-02T10:00:00Z\",\"value\":21.5}");
    }

    @Override
    public void log(String level, String message) {
        record("log(" + level + ", " + message + ")");
    }

    @Override
    public JsonNode readData(String name, JsonNode query) {
        record("readData(" + name + ", " + query + ")");
        return json("{\"results\":[{\"t\":\"2026-12-02T10:00:00Z\",\"v\":1}]}");
    }

    @Override
    public JsonNode callOwnMethod(String name, JsonNode value) {
        record("callOwnMethod(" + name + ", " + value + ")");
        return methods.apply(name, value);
    }

    @Override
    public List<String> findDevices(JsonNode filter) {
        record("findDevices(" + filter + ")");
        return List.of("_dev_1", "_dev_2");
    }

    @Override
    public JsonNode executeDeviceMethod(String deviceId, String method, JsonNode value) {
        record("executeDeviceMethod(" + deviceId + ", " + method + ", " + value + ")");
        return JSON.createObjectNode().set("result", methods.apply(method, value));
    }

    @Override
    public JsonNode setDeviceProperty(String deviceId, String name, JsonNode point) {
        record("setDeviceProperty(" + deviceId + ", " + name + ", " + point + ")");
        return point;
    }

    @Override
    public JsonNode getDeviceProperty(String deviceId, String name) {
        record("getDeviceProperty(" + deviceId + ", " + name + ")");
        return json("7");
    }
}
