package io.thingstead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.thingstead.core.Copies;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record of the main classes holds its own unmodifiable copy of each collection it is
 * given: the caller's list, set or map can change afterwards, the record cannot.
 */
class RecordCopiesTest {
    private static final List<Class<?>> RECORDS = find();

    static Stream<Class<?>> recordsWithCollections() {
        return RECORDS.stream();
    }

    private static List<Class<?>> find() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.thingstead").stream()
                        .map(JavaClass::reflect)
                        .filter(Class::isRecord)
                        .filter(c -> Stream.of(c.getRecordComponents()).anyMatch(RecordCopiesTest::isCollection))
                        .toList();
    }

    @Test
    void theMainRecordsWithCollectionsAreFound() {
        assertThat(recordsWithCollections().map(Class::getSimpleName))
                .contains("Device", "KeyContext", "Key", "Page", "DataQuery", "Feed", "Receipt", "Job", "PointsStored");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordsWithCollections")
    void aRecord_keepsAnUnmodifiableCopyOfEachCollection(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = mutable(types[i]);
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        Object record = canonical.newInstance(args);
        for (int i = 0; i < components.length; i++) {
            if (isCollection(components[i])) {
                var accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                Object held = accessor.invoke(record);
                assertThat(held)
                        .as(type.getSimpleName() + "." + components[i].getName())
                        .isNotSameAs(args[i]);
                assertThatThrownBy(() -> clear(held))
                        .as(type.getSimpleName() + "." + components[i].getName())
                        .isInstanceOf(UnsupportedOperationException.class);
            }
        }
    }

    @Test
    void copies_keepNullAsUnset_andKeepOrder() {
        assertThat(Copies.list(null)).isNull();
        assertThat(Copies.<String, String>map(null)).isNull();
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("sn", "1");
        ordered.put("imei", "2");
        ordered.put("mac", "3");
        assertThat(Copies.map(ordered).keySet()).containsExactly("sn", "imei", "mac");
    }

    private static boolean isCollection(RecordComponent c) {
        return Collection.class.isAssignableFrom(c.getType()) || Map.class.isAssignableFrom(c.getType());
    }

    private static Object mutable(Class<?> type) {
        if (List.class.isAssignableFrom(type)) {
            return new ArrayList<>();
        }
        if (Set.class.isAssignableFrom(type)) {
            return new HashSet<>();
        }
        if (Map.class.isAssignableFrom(type)) {
            return new HashMap<>();
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        return null;
    }

    private static void clear(Object collection) {
        if (collection instanceof Map<?, ?> m) {
            m.clear();
        } else {
            ((Collection<?>) collection).clear();
        }
    }
}
