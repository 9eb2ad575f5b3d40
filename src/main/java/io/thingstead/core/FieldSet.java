package io.thingstead.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a JSON object of one kind (a request body, a nested object) or the query string of one
 * route may hold. Any other name is refused with {@code ValidationFailed}, naming it and the
 * nearest known name, so that a typo never passes as a request that silently changes nothing.
 *
 * <p>Read-only names are what an entity emits but a client cannot set (ids, dates, derived
 * fields): they are accepted so that an entity read with GET can be sent back whole, and the
 * parser ignores them (or checks with {@link Fields#unchanged} that an immutable one keeps its
 * value). Unsupported names are Connio's but not served here: they are refused with that reason.
 */
public final class FieldSet {
    private final Set<String> settable;
    private final Set<String> readOnly;
    private final Set<String> unsupported;

    private FieldSet(Set<String> settable, Set<String> readOnly, Set<String> unsupported) {
        this.settable = Collections.unmodifiableSet(settable);
        this.readOnly = Collections.unmodifiableSet(readOnly);
        this.unsupported = Collections.unmodifiableSet(unsupported);
    }

    public static FieldSet of(String... names) {
        return new FieldSet(new LinkedHashSet<>(Arrays.asList(names)), new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    /** This set and more settable names. */
    public FieldSet plus(String... names) {
        Set<String> more = new LinkedHashSet<>(settable);
        more.addAll(Arrays.asList(names));
        return new FieldSet(more, readOnly, unsupported);
    }

    /** This set and the names of {@code other}. */
    public FieldSet plus(FieldSet other) {
        Set<String> s = new LinkedHashSet<>(settable);
        s.addAll(other.settable);
        Set<String> r = new LinkedHashSet<>(readOnly);
        r.addAll(other.readOnly);
        Set<String> u = new LinkedHashSet<>(unsupported);
        u.addAll(other.unsupported);
        return new FieldSet(s, r, u);
    }

    /** This set and names that are accepted but never set anything. */
    public FieldSet readOnly(String... names) {
        Set<String> more = new LinkedHashSet<>(readOnly);
        more.addAll(Arrays.asList(names));
        return new FieldSet(settable, more, unsupported);
    }

    /** This set and names that are refused as not supported (rather than as unknown). */
    public FieldSet unsupported(String... names) {
        Set<String> more = new LinkedHashSet<>(unsupported);
        more.addAll(Arrays.asList(names));
        return new FieldSet(settable, readOnly, more);
    }

    public boolean accepts(String name) {
        return settable.contains(name) || readOnly.contains(name);
    }

    /** Every accepted name, settable ones first. */
    public List<String> names() {
        List<String> out = new ArrayList<>(settable);
        out.addAll(readOnly);
        return out;
    }

    /**
     * Refuses the first name of {@code present} this set does not accept.
     *
     * @param path prefix of the field names in messages ({@code location.geo}), or empty
     * @param kind what the names are, for the message: {@code "field"} or {@code "query parameter"}
     */
    public void check(Iterable<String> present, String path, String kind) {
        for (String name : present) {
            if (accepts(name)) {
                continue;
            }
            String field = path.isEmpty() ? name : path + "." + name;
            if (unsupported.contains(name)) {
                throw ApiException.invalid(field, "is not supported by this server");
            }
            throw ApiException.invalid(field, "is not a known " + kind + DidYouMean.hint(name, names()));
        }
    }
}
