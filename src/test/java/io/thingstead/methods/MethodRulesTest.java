package io.thingstead.methods;

import static io.thingstead.methods.Method.Access.PRIVATE;
import static io.thingstead.methods.Method.Access.PROTECTED;
import static io.thingstead.methods.Method.Access.PUBLIC;
import static io.thingstead.methods.MethodFixture.BASE;
import static io.thingstead.methods.MethodFixture.CHILD;
import static io.thingstead.methods.MethodFixture.method;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thingstead.core.ApiException;
import io.thingstead.core.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The naming and override rules of methods along the IS-A chain (docs/methods.md: Inheritance). */
class MethodRulesTest {
    private static MethodRules.Placed above(Method.Access access) {
        return new MethodRules.Placed(method("_mtd_1", BASE, "run", access), "Base");
    }

    private static MethodRules.Placed below(Method.Access access) {
        return new MethodRules.Placed(method("_mtd_3", CHILD, "run", access), "Child");
    }

    /** Overridden access, overriding access, the field refused (or "ok"). */
    @ParameterizedTest(name = "{0} overridden by {1}: {2}")
    @CsvSource({
        "PUBLIC, PUBLIC, ok",
        "PUBLIC, PROTECTED, access",
        "PUBLIC, PRIVATE, access",
        "PROTECTED, PUBLIC, ok",
        "PROTECTED, PROTECTED, ok",
        "PROTECTED, PRIVATE, access",
        "PRIVATE, PUBLIC, name",
        "PRIVATE, PROTECTED, name",
        "PRIVATE, PRIVATE, name"
    })
    void override_fromTheChildsSide_andFromTheBasesSide_followOneRule(
            Method.Access overridden, Method.Access overriding, String refused) {
        Method child = method("_mtd_2", CHILD, "run", overriding);
        Method base = method("_mtd_2", BASE, "run", overridden);
        if (refused.equals("ok")) {
            assertThatCode(() -> MethodRules.checkOverrides(child, List.of(above(overridden)), List.of()))
                    .doesNotThrowAnyException();
            assertThatCode(() -> MethodRules.checkOverrides(base, List.of(), List.of(below(overriding))))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> MethodRules.checkOverrides(child, List.of(above(overridden)), List.of()))
                    .hasMessageStartingWith("'" + refused + "'");
            assertThatThrownBy(() -> MethodRules.checkOverrides(base, List.of(), List.of(below(overriding))))
                    .hasMessageStartingWith("'" + refused + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "setProperty",
                "GETPROPERTY",
                "log",
                "readdata",
                "findDevices",
                "executeDeviceMethod",
                "setDeviceProperty",
                "getDeviceProperty",
                "Api"
            })
    void reservedNames_areRefusedWithTheirOwnCode(String name) {
        assertThatThrownBy(() -> MethodRules.name(name))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESERVED_METHOD_NAME))
                .hasMessageStartingWith("'name'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "toString",
                "constructor",
                "valueOf",
                "hasOwnProperty",
                "isPrototypeOf",
                "propertyIsEnumerable",
                "toLocaleString",
                "then",
                "CATCH",
                "finally",
                "toJSON",
                "name"
            })
    void membersOfTheObjectAMethodRunsOn_areReserved(String name) {
        assertThatThrownBy(() -> MethodRules.name(name))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESERVED_METHOD_NAME))
                .hasMessageContaining("the object a method runs on answers it itself");
    }

    @Test
    void everyNameThePreludeAnswersItself_isReserved() throws Exception {
        String prelude;
        try (var in = MethodRules.class.getResourceAsStream("/io/thingstead/scripting/prelude.js")) {
            prelude = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var own = java.util.regex.Pattern.compile("const OWN = new SetType\\(\\[([^\\]]*)\\]")
                .matcher(prelude);
        assertThat(own.find()).as("prelude.js declares OWN").isTrue();
        var names = java.util.regex.Pattern.compile("'([^']+)'").matcher(own.group(1));
        int count = 0;
        while (names.find()) {
            count++;
            String name = names.group(1).toLowerCase(java.util.Locale.ROOT);
            if (!name.startsWith("_")) {
                assertThat(MethodRules.OBJECT_MEMBERS).as(name).contains(name);
            }
        }
        assertThat(count).isGreaterThan(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "9lives", "with space", "-x", "__proto__"})
    void badNames_areValidationFailures(String name) {
        assertThatThrownBy(() -> MethodRules.name(name))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED))
                .hasMessageStartingWith("'name'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"getOperationStatus", "set_point", "log2", "my-method"})
    void goodNames_pass(String name) {
        assertThat(MethodRules.name(name)).isEqualTo(name);
    }

    @org.junit.jupiter.api.Test
    void accessOrder_isPrivateProtectedPublic() {
        assertThat(PUBLIC.atLeast(PROTECTED)).isTrue();
        assertThat(PROTECTED.atLeast(PRIVATE)).isTrue();
        assertThat(PRIVATE.atLeast(PROTECTED)).isFalse();
        assertThat(PROTECTED.atLeast(PUBLIC)).isFalse();
    }
}
