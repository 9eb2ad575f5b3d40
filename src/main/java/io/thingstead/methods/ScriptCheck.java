package io.thingstead.methods;

import java.util.Optional;

/**
 * The port that checks a method body's syntax without running it (the scripting feature fills
 * it): the first problem found, or empty when the body parses.
 */
@FunctionalInterface
public interface ScriptCheck {
    Optional<Problem> check(String funcBody);

    /** Where the body does not parse (line and column from 1) and why. */
    record Problem(int line, int column, String message) {}

    /** Accepts every body (tests of definitions without a script engine). */
    ScriptCheck NONE = body -> Optional.empty();
}
