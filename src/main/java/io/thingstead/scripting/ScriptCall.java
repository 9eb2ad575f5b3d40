package io.thingstead.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * One method call to run: the account whose contexts run it (never shared with another account),
 * the name of the object it runs on ({@code Device.name}), the method's name (for messages), its
 * body, the argument {@code value} (null is JSON null), its limits, and the depth it counts at
 * when it is the outermost call on its thread (1 for a call from outside; more for a run started by
 * a method's write of a bound input, so that the chain stays within {@link Limits#maxCallDepth}). A
 * nested call counts one deeper than the call it is nested in, whatever its {@code depth}.
 */
public record ScriptCall(
        String accountId, String objectName, String method, String funcBody, JsonNode value, Limits limits, int depth) {
    /** A call from outside: depth 1. */
    public ScriptCall(
            String accountId, String objectName, String method, String funcBody, JsonNode value, Limits limits) {
        this(accountId, objectName, method, funcBody, value, limits, 1);
    }

    public ScriptCall {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be 1 or more");
        }
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(funcBody, "funcBody");
        Objects.requireNonNull(limits, "limits");
        value = value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }
}
