package io.thingstead.accounts;

import io.thingstead.core.ApiException;
import io.thingstead.core.FieldSet;
import io.thingstead.core.Fields;
import io.thingstead.core.Wire;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Reads and checks the {@code context} and {@code scope} of a key from a request body. */
public final class KeyRequests {
    /**
     * A key update body: {@code context} and {@code scope}; the rest of what a key emits is
     * accepted back but cannot change ({@code rateLimit} is set by the plan, docs/connio.md: Keys, contexts and scopes).
     */
    public static final FieldSet KEY = FieldSet.of("context", "scope")
            .readOnly("id", "secret", "ownerId", "accountId", "rateLimit", "dateCreated", "dateModified");

    private static final FieldSet CONTEXT = FieldSet.of("type", "ids");

    private KeyRequests() {}

    /** The read-only fields of a key sent back with an update keep their values. */
    public static void requireUnchanged(Fields body, ApiKey cur) {
        body.unchanged("id", cur.id())
                .unchanged("secret", cur.secret())
                .unchanged("ownerId", cur.ownerId())
                .unchanged("accountId", cur.accountId())
                .unchanged("rateLimit", cur.rateLimit());
    }

    /** The context in the body, or null when absent. Ids are checked by the caller. */
    public static KeyContext context(Fields body) {
        Fields ctx = body.object("context", CONTEXT);
        if (ctx == null) {
            return null;
        }
        String spelled = ctx.requiredString("type");
        KeyContext.Type type = Wire.find(KeyContext.Type.GRANTABLE, spelled, true);
        if (type == null) {
            throw Wire.notOneOf(ctx.name("type"), KeyContext.Type.GRANTABLE, spelled.toLowerCase(Locale.ROOT));
        }
        List<String> ids = ctx.strings("ids");
        if (ids != null && new LinkedHashSet<>(ids).size() != ids.size()) {
            throw ApiException.invalid(ctx.name("ids"), "must not repeat an id");
        }
        return new KeyContext(type, ids);
    }

    /** The scopes in the body in canonical form, each allowed in the context type; null when absent. */
    public static List<String> scopes(Fields body, KeyContext.Type contextType) {
        List<String> raw = body.strings("scope");
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String s = Scopes.canonical(raw.get(i));
            if (s == null) {
                throw ApiException.invalid("scope[" + i + "]", "is not a known scope: '" + raw.get(i) + "'");
            }
            if (!Scopes.CONTEXTS.get(s).contains(contextType)) {
                throw ApiException.invalid(
                        "scope[" + i + "]",
                        "'" + s + "' cannot be granted to a key with context '" + contextType + "'");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
