package io.thingstead.methods;

import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Spans;
import java.nio.charset.StandardCharsets;

/**
 * A method body (docs/methods.md: Fields): what a method emits ({@code qualifiedName} and {@code
 * inherited} are derived, so read-only) and {@code ownerId}. A new method reads every field; a
 * change reads the fields present over the current method. The body's syntax is checked by the
 * service, which knows the {@link ScriptCheck}.
 */
final class MethodFields {
    static final FieldSet KNOWN = FieldSet.of(
                    "name",
                    "friendlyName",
                    "description",
                    "tags",
                    "ownerId",
                    "access",
                    "methodImpl",
                    "inputId",
                    "inputTTL",
                    "locked")
            .readOnly("id", "accountId", "qualifiedName", "inherited", "dateCreated", "dateModified");

    static final FieldSet IMPL = FieldSet.of("funcBody", "script");

    private MethodFields() {}

    /** A new method; {@code inputId} is the property id its input resolved to, or null. */
    static Method create(
            Fields f, String id, String accountId, String ownerId, String inputId, int maxBytes, String now) {
        Fields impl = f.object("methodImpl", IMPL);
        if (impl == null) {
            throw ApiException.invalid(
                    "methodImpl", "is required: {\"funcBody\": \"...\", \"script\": \"javascript\"}");
        }
        return new Method(
                id,
                accountId,
                ownerId,
                MethodRules.name(f.requiredString("name")),
                f.text("friendlyName", 256),
                f.text("description", 4096),
                f.tagsOrEmpty("tags"),
                access(f, Method.Access.PROTECTED),
                impl(impl, null, maxBytes),
                inputId,
                ttl(f),
                Boolean.TRUE.equals(f.bool("locked")),
                now,
                now);
    }

    /** The current method with the fields present changed; {@code inputId} as resolved by the service. */
    static Method update(Fields f, Method cur, String inputId, int maxBytes, String now) {
        for (String field : new String[] {"name", "methodImpl"}) {
            if (f.has(field) && !f.present(field)) {
                throw ApiException.invalid(field, "cannot be unset");
            }
        }
        Fields impl = f.object("methodImpl", IMPL);
        return new Method(
                cur.id(),
                cur.accountId(),
                cur.ownerId(),
                f.present("name") ? MethodRules.name(f.string("name")) : cur.name(),
                f.has("friendlyName") ? f.text("friendlyName", 256) : cur.friendlyName(),
                f.has("description") ? f.text("description", 4096) : cur.description(),
                f.has("tags") ? f.tagsOrEmpty("tags") : cur.tags(),
                access(f, cur.access()),
                impl == null ? cur.methodImpl() : impl(impl, cur.methodImpl(), maxBytes),
                inputId,
                f.has("inputTTL") ? ttl(f) : cur.inputTTL(),
                f.has("locked") ? Boolean.TRUE.equals(f.bool("locked")) : cur.locked(),
                cur.dateCreated(),
                now);
    }

    /** The input reference the body gives, or null (absent or null). */
    static String inputRef(Fields f) {
        return f.string("inputId");
    }

    private static Method.Access access(Fields f, Method.Access fallback) {
        Method.Access a = f.oneOf("access", Method.Access.class);
        return a == null ? fallback : a;
    }

    /** {@code funcBody} and {@code script} over {@code cur} (null: both required but the script). */
    private static Method.Impl impl(Fields impl, Method.Impl cur, int maxBytes) {
        if (impl.has("funcBody") && !impl.present("funcBody") || cur == null && !impl.present("funcBody")) {
            throw ApiException.invalid(impl.name("funcBody"), "is required: the JavaScript body of the method");
        }
        String body = impl.present("funcBody") ? impl.string("funcBody") : cur.funcBody();
        if (body.isBlank()) {
            throw ApiException.invalid(impl.name("funcBody"), "must not be empty");
        }
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw ApiException.invalid(
                    impl.name("funcBody"), "must be at most " + maxBytes + " bytes of UTF-8, got " + bytes);
        }
        Method.Script script = impl.oneOf("script", Method.Script.class);
        return new Method.Impl(body, script != null ? script : cur != null ? cur.script() : Method.Script.JAVASCRIPT);
    }

    /** How fresh the input must be ({@code 5 seconds}, {@code 30s}), kept as written. */
    private static String ttl(Fields f) {
        String ttl = f.string("inputTTL");
        if (ttl != null) {
            Spans.positive("inputTTL", ttl);
            return ttl.trim();
        }
        return null;
    }
}
