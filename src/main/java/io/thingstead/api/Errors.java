package io.thingstead.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.helidon.http.Status;
import io.thingstead.core.ErrorCode;
import java.util.Locale;

/** The Connio error body: {@code [{"code","cause","message","moreInfoUrl"}]}. */
final class Errors {
    private Errors() {}

    /** The HTTP status, with a reason phrase also for the codes Helidon has none for (408, 431). */
    static Status status(ErrorCode code) {
        Status s = Status.create(code.status());
        return s.reasonPhrase().isEmpty() ? Status.create(code.status(), code.cause()) : s;
    }

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
