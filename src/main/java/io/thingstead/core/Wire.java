package io.thingstead.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Closed sets on the wire. Each is an enum whose members travel, in request and response bodies
 * and in stored documents, as Connio spells them: the member's name in lower case ({@code
 * mostrecent}, {@code apiclient}), which its {@code toString} returns and marks
 * {@code @JsonValue}. A request's spelling is read once, where the request is parsed ({@link
 * Fields#oneOf}, {@link #find}); past that the code holds the member, never a string.
 */
public final class Wire {
    private Wire() {}

    /** The spelling of a member: its name in lower case. */
    public static String name(Enum<?> member) {
        return member.name().toLowerCase(Locale.ROOT);
    }

    /** The member of {@code allowed} spelled {@code s} (in any case when {@code ignoreCase}), or null. */
    public static <E extends Enum<E>> E find(Collection<E> allowed, String s, boolean ignoreCase) {
        if (s == null) {
            return null;
        }
        for (E e : allowed) {
            String spelling = e.toString();
            if (ignoreCase ? spelling.equalsIgnoreCase(s) : spelling.equals(s)) {
                return e;
            }
        }
        return null;
    }

    /** The member of {@code allowed} spelled {@code s}, or {@code ValidationFailed} naming the field and the choices. */
    public static <E extends Enum<E>> E parse(String field, Collection<E> allowed, String s, boolean ignoreCase) {
        E e = find(allowed, s, ignoreCase);
        if (e == null) {
            throw notOneOf(field, allowed, s);
        }
        return e;
    }

    /** {@code ValidationFailed}: {@code 'field' must be one of [a, b, c], got 'x'}. */
    public static ApiException notOneOf(String field, Collection<? extends Enum<?>> allowed, String got) {
        return ApiException.invalid(field, "must be one of " + spellings(allowed) + ", got '" + got + "'");
    }

    /** The spellings of the members, in their order. */
    public static List<String> spellings(Collection<? extends Enum<?>> members) {
        List<String> out = new ArrayList<>(members.size());
        for (Enum<?> e : members) {
            out.add(e.toString());
        }
        return out;
    }

    /**
     * The members a list filter keeps: every one when the filter is absent, the one it spells (in
     * any case), none when it spells none.
     */
    public static <E extends Enum<E>> Set<E> filter(Class<E> type, String s) {
        if (s == null) {
            return EnumSet.allOf(type);
        }
        E e = find(EnumSet.allOf(type), s, true);
        return e == null ? EnumSet.noneOf(type) : EnumSet.of(e);
    }
}
