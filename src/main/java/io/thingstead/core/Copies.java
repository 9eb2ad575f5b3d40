package io.thingstead.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies of the collections a record is given, so that a record never changes after
 * it is made, whoever holds the collection it came from. A null collection stays null (unset: it
 * is written as {@code null}); order is kept, as it is what a client reads back.
 */
public final class Copies {
    private Copies() {}

    public static <T> List<T> list(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
