package io.thingstead.core;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entity ids: {@code _xxx_} followed by an unsigned, time-ordered 64-bit decimal number (epoch
 * milliseconds shifted left by 22 bits, plus a counter), 19 digits for any date after 2001.
 */
public final class Ids {
    private static final int SEQUENCE_BITS = 22;
    private final InstantSource clock;
    private final AtomicLong last = new AtomicLong();

    public Ids(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Never issues a number at or below {@code number} (the highest one stored), so ids stay unique
     * when the clock stands still or steps back across a restart.
     */
    public void advancePast(long number) {
        last.accumulateAndGet(number, Math::max);
    }

    public String next(String prefix) {
        long floor = clock.millis() << SEQUENCE_BITS;
        long value = last.updateAndGet(prev -> Math.max(prev + 1, floor));
        return "_" + prefix + "_" + Long.toUnsignedString(value);
    }

    /** Orders ids of one prefix by age: their numbers are time-ordered, and a shorter number is smaller. */
    public static int compare(String a, String b) {
        int byLength = Integer.compare(a.length(), b.length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    /** True when {@code ref} has the shape of an id with the given prefix. */
    public static boolean isId(String ref, String prefix) {
        String head = "_" + prefix + "_";
        if (ref == null || !ref.startsWith(head) || ref.length() == head.length()) {
            return false;
        }
        for (int i = head.length(); i < ref.length(); i++) {
            if (!Character.isDigit(ref.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code ref} looks like any entity id ({@code _xxx_digits}). */
    public static boolean looksLikeId(String ref) {
        if (ref == null || ref.length() < 4 || ref.charAt(0) != '_') {
            return false;
        }
        int second = ref.indexOf('_', 1);
        return second > 1 && isId(ref, ref.substring(1, second));
    }
}
