package io.thingstead.scripting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Objects;

/**
 * One method call to run: the account whose contexts run it (never shared with another account),
 * the name of the object it runs on ({@code Device.name}), the method's name (for messages), its
 * body, the argument {@code value} (null is JSON null) and its limits.
 */
public record ScriptCall(
        String accountId, String objectName, String method, String funcBody, JsonNode value, Limits limits) {
    public ScriptCall {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(funcBody, "funcBody");
        Objects.requireNonNull(limits, "limits");
        value = value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }
}
