package io.thingstead.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.thingstead.core.ErrorCode;
import java.util.Locale;

/** The Connio error body: {@code [{"code","cause","message","moreInfoUrl"}]}. */
final class Errors {
    private Errors() {}

    static byte[] body(ErrorCode code, String message) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        arr.addObject()
                .put("code", code.code())
                .put("cause", code.cause())
                .put("message", message)
                .put(
                        "moreInfoUrl",
                        "https://docs.connio.com/v3/error/" + code.code().toLowerCase(Locale.ROOT));
        return Json.write(arr);
    }
}
