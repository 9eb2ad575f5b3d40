package io.thingstead.core;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Jackson views: {@link Internal} fields are stored but never sent to clients. */
public final class Views {
    private static final ObjectWriter PUBLIC = JsonInput.MAPPER.writerWithView(Public.class);

    private Views() {}

    public interface Public {}

    public interface Internal {}

    /** A value as clients see it: its JSON tree without its {@link Internal} fields. */
    public static ObjectNode publicTree(Object value) {
        try {
            return (ObjectNode) JsonInput.MAPPER.readTree(PUBLIC.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException("A value cannot be written as JSON", e);
        }
    }
}
