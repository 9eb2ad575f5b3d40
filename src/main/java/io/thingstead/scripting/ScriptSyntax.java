package io.thingstead.scripting;

import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Checks that a method body parses, without running it: the body of {@code async function
 * m(value)}, so {@code return} and {@code await} are allowed at its top level. A body that closes
 * the function early to add code around it is refused too.
 */
public final class ScriptSyntax {
    /** Where the body does not parse: line and column (both from 1) within the body as written. */
    public record Problem(int line, int column, String message) {}

    private static final Pattern FUNCTION_POSITION = Pattern.compile("<function>:(\\d+):(\\d+) ");
    private static final Pattern SOURCE_POSITION = Pattern.compile("^\\S+:\\d+:\\d+ ");
    private static final ConcurrentLinkedQueue<Context> IDLE = new ConcurrentLinkedQueue<>();
    private static final int MAX_IDLE = 4;

    private ScriptSyntax() {}

    public static Optional<Problem> check(String funcBody) {
        Context context = IDLE.poll();
        if (context == null) {
            context = Engines.context().build();
        }
        try {
            return check(context, funcBody);
        } finally {
            if (IDLE.size() < MAX_IDLE) {
                IDLE.add(context);
            } else {
                context.close();
            }
        }
    }

    private static Optional<Problem> check(Context context, String funcBody) {
        try {
            context.parse(Engines.source(funcBody));
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            return Optional.of(fromWrapped(e, funcBody));
        }
        // The wrapped body parsed; the body alone must too, or it closed the function early.
        try {
            Value asyncFunction = context.eval(Engines.JS, "(async function () {}).constructor");
            asyncFunction.newInstance("value", funcBody);
            return Optional.empty();
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            return Optional.of(fromBodyAlone(e));
        }
    }

    private static Problem fromWrapped(PolyglotException e, String funcBody) {
        String message = firstLine(e.getMessage());
        SourceSection at = e.getSourceLocation();
        if (at == null || !at.isAvailable()) {
            return new Problem(1, 1, message);
        }
        String[] lines = funcBody.split("\n", -1);
        int line = at.getStartLine() - Engines.WRAP_LINES;
        int column = at.getStartColumn();
        if (line < 1) {
            return new Problem(1, 1, message);
        }
        if (line > lines.length) {
            // The parser ran past the body into the wrapper: the body ends too early.
            return new Problem(lines.length, lines[lines.length - 1].length() + 1, message);
        }
        return new Problem(line, column, message);
    }

    private static Problem fromBodyAlone(PolyglotException e) {
        String full = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = FUNCTION_POSITION.matcher(full);
        if (m.find()) {
            return new Problem(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) + 1, firstLine(full));
        }
        return new Problem(1, 1, firstLine(full));
    }

    /** The parser's first line, without the exception name and the position it starts with. */
    private static String firstLine(String message) {
        String text =
                message == null ? "syntax error" : message.lines().findFirst().orElse("syntax error");
        text = text.replaceFirst("^SyntaxError: ", "");
        text = SOURCE_POSITION.matcher(text).replaceFirst("");
        return text.isBlank() ? "syntax error" : text.strip();
    }
}
