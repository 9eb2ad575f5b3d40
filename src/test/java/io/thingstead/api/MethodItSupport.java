package io.thingstead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.thingstead.testing.Fixtures;
import io.thingstead.testing.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Method bodies and the profiles they hang on, for the method integration tests. */
final class MethodItSupport {
    static final List<String> FIELDS = List.of(
            "id",
            "accountId",
            "ownerId",
            "name",
            "friendlyName",
            "description",
            "tags",
            "inherited",
            "qualifiedName",
            "access",
            "methodImpl",
            "inputId",
            "inputTTL",
            "locked",
            "dateCreated",
            "dateModified");

    /** Connio's documented current-engine example (docs/methods.md). */
    static final String SET_TEMPERATURE = "let kelvin = ((value - 32) / 1.8) + 273.15;\n"
            + "return this.setProperty(\"temperature\", { value: kelvin, time: new Date().toISOString() })\n"
            + "           .then(prop => prop.value);";

    /** The property the methods' profiles have: a public number {@code temperature}. */
    static final Map<String, Object> TEMPERATURE = Map.of("name", "temperature", "type", "number", "access", "public");

    private MethodItSupport() {}

    /** A method named {@code name} of that access with a body that parses. */
    static ObjectNode method(String name, String access) {
        return method(name, access, SET_TEMPERATURE);
    }

    /** A method named {@code name} of that access with that JavaScript body. */
    static ObjectNode method(String name, String access, String funcBody) {
        ObjectNode m = Http.JSON.createObjectNode();
        m.put("name", name).put("access", access);
        m.putObject("methodImpl").put("funcBody", funcBody).put("script", "javascript");
        return m;
    }

    /** A profile based on {@code base} with a public number {@code temperature}; its name. */
    static String profile(Http as, String prefix, String base) {
        return Fixtures.newProfile(as, prefix, base, TEMPERATURE);
    }

    static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("results").forEach(m -> out.add(m.get("name").asText()));
        return out;
    }

    /** The listed item of that name, or null. */
    static JsonNode named(JsonNode page, String name) {
        for (JsonNode m : page.get("results")) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        return null;
    }
}
