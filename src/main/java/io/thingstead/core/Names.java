package io.thingstead.core;

import java.util.Locale;
import java.util.regex.Pattern;

/** The Connio naming rule: starts with a letter, then letters, digits, '.', '_' or '-', 64 chars at most. */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");

    private Names() {}

    public static String require(String field, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.invalid(
                    field,
                    "must start with a letter, contain only letters, digits, '.', '_' or '-', and be at most 64 characters");
        }
        return name;
    }

    /** The key names are matched by: names are case-insensitive and stored case-preserving. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
