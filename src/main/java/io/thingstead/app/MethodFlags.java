package io.thingstead.app;

import io.thingstead.core.Times;
import io.thingstead.methods.ScriptThreads;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The time limit of a method call (README: Methods, docs/methods.md: Limits): {@code
 * --method-timeout} for every account, and {@code --method-timeouts} for the accounts of a plan
 * ({@code plan.type} of the account, which a sub-account's owner sets and the sysadmin sets for a
 * master account), e.g. {@code premium=30s,trial=1s}; and {@code --method-slot-wait}, how long a
 * call beyond the calls an account may run at once waits for one of them to finish; and {@code
 * --method-memory}, the MiB one call may allocate.
 */
public final class MethodFlags {
    static final Duration MAX = Duration.ofMinutes(5);
    /** The longest wait for a free slot: a call never queues for long behind runaway scripts. */
    static final Duration MAX_SLOT_WAIT = Duration.ofSeconds(2);

    private MethodFlags() {}

    static final List<Config.Flag> FLAGS = List.of(
            new Config.Flag(
                    "--method-timeout",
                    "THINGSTEAD_METHOD_TIMEOUT",
                    "5s",
                    "How long one method call may run (nested calls included), at most 5m; then it is stopped"
                            + " and quarantined on its device"),
            new Config.Flag(
                    "--method-timeouts",
                    "THINGSTEAD_METHOD_TIMEOUTS",
                    "none",
                    "Other time limits by account plan type, e.g. premium=30s,trial=1s"),
            new Config.Flag(
                    "--method-slot-wait",
                    "THINGSTEAD_METHOD_SLOT_WAIT",
                    "300ms",
                    "How long a call beyond the methods an account (or the server) may run at once waits for"
                            + " one to finish before it is refused, 0 to 2s"),
            new Config.Flag(
                    "--method-memory",
                    "THINGSTEAD_METHOD_MEMORY",
                    "1024",
                    "How many MiB one method call may allocate (nested calls included, garbage counted),"
                            + " 16-65536; then it is stopped and quarantined on its device. Default 1024, or an"
                            + " eighth of the Java heap if that is less"));

    /** The default of {@code --method-memory}, in MiB. */
    public static final int DEFAULT_MEMORY_MIB = 1024;

    /** The default time limit, those of plan types (lower case), and the wait for a free slot. */
    public record Timeouts(Duration fallback, Map<String, Duration> byPlan, Duration slotWait) {
        public static final Timeouts DEFAULT =
                new Timeouts(Duration.ofSeconds(5), Map.of(), ScriptThreads.DEFAULT_SLOT_WAIT);

        public Timeouts {
            byPlan = Map.copyOf(byPlan);
        }

        /** These with other time limits, the same wait for a slot. */
        Timeouts withLimits(Duration fallback, Map<String, Duration> byPlan) {
            return new Timeouts(fallback, byPlan, slotWait);
        }

        /** The limit of an account of that plan type (null: none). */
        Duration of(String planType) {
            return planType == null ? fallback : byPlan.getOrDefault(planType.toLowerCase(Locale.ROOT), fallback);
        }
    }

    static Timeouts parse(Map<String, String> v) {
        String one = v.get("--method-timeout");
        Duration fallback = one == null || one.isBlank() ? Timeouts.DEFAULT.fallback() : limit("--method-timeout", one);
        Map<String, Duration> byPlan = new LinkedHashMap<>();
        String plans = v.get("--method-timeouts");
        if (plans != null && !plans.isBlank() && !plans.trim().equals("none")) {
            for (String part : plans.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new Config.Invalid("--method-timeouts must list plan=duration pairs, got '" + part + "'");
                }
                byPlan.put(
                        part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        limit("--method-timeouts", part.substring(eq + 1)));
            }
        }
        return new Timeouts(fallback, byPlan, slotWait(v.get("--method-slot-wait")));
    }

    private static Duration slotWait(String text) {
        if (text == null || text.isBlank()) {
            return Timeouts.DEFAULT.slotWait();
        }
        Duration d;
        try {
            d = text.trim().equals("0") ? Duration.ZERO : Times.duration("--method-slot-wait", text);
        } catch (IllegalArgumentException e) {
            throw new Config.Invalid(e.getMessage());
        }
        if (d.compareTo(MAX_SLOT_WAIT) > 0) {
            throw new Config.Invalid("--method-slot-wait must be at most 2s, got '" + text.trim() + "'");
        }
        return d;
    }

    /** {@code --method-memory}: the MiB a call may allocate. */
    static int memoryMib(Map<String, String> v) {
        String text = v.get("--method-memory");
        if (text == null || text.isBlank()) {
            return defaultMemoryMib(Runtime.getRuntime().maxMemory());
        }
        try {
            int mib = Integer.parseInt(text.trim());
            if (mib >= 16 && mib <= 65536) {
                return mib;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new Config.Invalid("--method-memory must be a number of MiB from 16 to 65536, got '" + text.trim() + "'");
    }

    /** 1 GiB, or an eighth of a smaller heap (at least 16 MiB). */
    static int defaultMemoryMib(long maxHeap) {
        return (int) Math.max(16, Math.min(DEFAULT_MEMORY_MIB, maxHeap / 8 / (1024 * 1024)));
    }

    private static Duration limit(String flag, String text) {
        Duration d;
        try {
            d = Times.duration(flag, text);
        } catch (IllegalArgumentException e) {
            throw new Config.Invalid(e.getMessage());
        }
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw new Config.Invalid(flag + " must be more than 0 and at most 5m, got '" + text.trim() + "'");
        }
        return d;
    }
}
