package io.thingstead.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import io.thingstead.scripting.ScriptSyntax.Problem;
import org.junit.jupiter.api.Test;

class ScriptSyntaxTest {
    @Test
    void check_currentStyleBody_isFine() {
        assertThat(ScriptSyntax.check("let k = (value - 32) / 1.8;\nreturn this.setProperty('t', {value: k});"))
                .isEmpty();
    }

    @Test
    void check_legacyStyleBody_isFine() {
        assertThat(ScriptSyntax.check(
                        "Device.api.getProperty('t').then(p => done(null, p.value)).catch(e => done(e, null));"))
                .isEmpty();
    }

    @Test
    void check_awaitAtTopLevelOfBody_isFine() {
        assertThat(ScriptSyntax.check("const p = await this.getProperty('t');\nreturn p.value;"))
                .isEmpty();
    }

    @Test
    void check_missingOperand_givesLineAndColumnInBody() {
        Problem problem =
                ScriptSyntax.check("let x = 1;\n  let y = ;\nreturn y;").orElseThrow();
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).isEqualTo(11);
        assertThat(problem.message()).contains("Expected an operand");
    }

    @Test
    void check_bodyEndingTooEarly_pointsAtItsLastLine() {
        Problem problem = ScriptSyntax.check("let x = 1;\nreturn value +").orElseThrow();
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).isEqualTo("return value +".length() + 1);
    }

    @Test
    void check_unclosedString_isAProblem() {
        assertThat(ScriptSyntax.check("return 'abc")).isPresent();
    }

    @Test
    void check_bodyClosingTheFunctionEarly_isRefused() {
        Problem problem =
                ScriptSyntax.check("}); globalThis.x = 1; (function () {").orElseThrow();
        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.column()).isEqualTo(1);
    }

    @Test
    void check_redeclaringValue_isRefusedLikeInAFunctionOfValue() {
        assertThat(ScriptSyntax.check("let value = 2; return value;")).isPresent();
    }
}
