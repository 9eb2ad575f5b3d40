package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.JsonInput;
import io.thingstead.methods.MethodInvoker;

/**
 * Calling a device's method over REST (docs/methods.md: Invocation): {@code POST} and {@code PUT}
 * with {@code {"value": ...}}, or {@code GET ?args=}, on {@code /data/devices/{ref}/methods/{m}},
 * answering {@code {"result": ...}}; {@code /data/methods/{m}} is the device key's shortcut for
 * {@code _this_}. {@code PUT} also takes the raw value as its body (Connio's v2 form).
 */
final class MethodCallsApi {
    private static final FieldSet BODY = FieldSet.of("value");
    private static final FieldSet ARGS = FieldSet.of("args");

    private final MethodInvoker invoker;

    MethodCallsApi(Platform p) {
        this.invoker = p.invoker();
    }

    void register(Router r) {
        for (String path : new String[] {"/data/devices/{ref}/methods/{method}", "/data/methods/{method}"}) {
            r.add("POST", path, c -> call(c, valueOf(c.jsonOrEmpty())));
            r.add("PUT", path, c -> call(c, putValue(c.jsonOrEmpty())));
            r.add("GET", path, ARGS, c -> call(c, args(c.queryOrEmpty("args"))));
        }
    }

    private Object call(Call c, JsonNode value) {
        String device = c.param("ref") == null ? "_this_" : c.param("ref");
        JsonNode result = invoker.invoke(c.principal(), c.anyContextAccount().id(), device, c.param("method"), value);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("result", result);
        return out;
    }

    /** {@code {"value": any}}; no body (or no {@code value}) is JSON null. */
    private static JsonNode valueOf(JsonNode body) {
        if (!body.isObject()) {
            throw ApiException.invalid("body", "must be an object {\"value\": ...}");
        }
        BODY.check(body::fieldNames, "", "field");
        return body.has("value") ? body.get("value") : JsonNodeFactory.instance.nullNode();
    }

    /** An object of {@code value} alone is the {@code {"value"}} form; any other body is the value itself. */
    private static JsonNode putValue(JsonNode body) {
        if (body.isObject() && (body.isEmpty() || (body.size() == 1 && body.has("value")))) {
            return valueOf(body);
        }
        return body;
    }

    /** {@code ?args=} is JSON ({@code 7}, {@code "on"}, {@code {"a":1}}); text that is not JSON is a string. */
    private static JsonNode args(String args) {
        if (args == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return JsonInput.parse(args.getBytes(java.nio.charset.StandardCharsets.UTF_8), "args");
        } catch (ApiException e) {
            return JsonNodeFactory.instance.textNode(args);
        }
    }
}
