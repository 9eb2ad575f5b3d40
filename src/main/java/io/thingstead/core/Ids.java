package io.thingstead.core;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Entity ids: {@code _xxx_} followed by an unsigned, time-ordered 64-bit decimal number, 19 digits
 * for any date after 2001: epoch milliseconds in the top 42 bits, the node that issued it in the
 * next 10 ({@code --node-id}, 0 to 1023) and a sequence within the millisecond in the last 12. Two
 * nodes with different node ids never issue the same number; one node issues 4096 numbers a
 * millisecond and then borrows the next millisecond, so its numbers only ever grow.
 */
public final class Ids {
    static final int NODE_BITS = 10;
    static final int SEQUENCE_BITS = 12;
    public static final int MAX_NODE = (1 << NODE_BITS) - 1;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    private static final int TIME_SHIFT = NODE_BITS + SEQUENCE_BITS;

    private final InstantSource clock;
    private final int node;
    /** The smallest number this node may issue next: every number it issued is below it. */
    private final AtomicLong next = new AtomicLong();

    public Ids(InstantSource clock) {
        this(clock, 0);
    }

    public Ids(InstantSource clock, int node) {
        if (node < 0 || node > MAX_NODE) {
            throw new IllegalArgumentException("node id must be from 0 to " + MAX_NODE + ", got " + node);
        }
        this.clock = clock;
        this.node = node;
    }

    /**
     * Never issues a number at or below {@code number} (the highest one stored, by any node), so
     * ids stay unique when the clock stands still or steps back across a restart.
     */
    public void advancePast(long number) {
        long millis = number >>> TIME_SHIFT;
        long issuer = (number >>> SEQUENCE_BITS) & MAX_NODE;
        long above;
        if (issuer < node) {
            above = compose(millis, 0);
        } else if (issuer == node) {
            above = successor(number);
        } else {
            above = compose(millis + 1, 0);
        }
        next.accumulateAndGet(above, Math::max);
    }

    public String next(String prefix) {
        long floor = compose(clock.millis(), 0);
        long issued = Math.max(next.getAndUpdate(n -> successor(Math.max(n, floor))), floor);
        return "_" + prefix + "_" + Long.toUnsignedString(issued);
    }

    private long compose(long millis, long sequence) {
        return millis << TIME_SHIFT | (long) node << SEQUENCE_BITS | sequence;
    }

    /** The number after {@code n} (one of this node's): the next sequence, or the next millisecond's first. */
    private long successor(long n) {
        return (n & MAX_SEQUENCE) < MAX_SEQUENCE ? n + 1 : compose((n >>> TIME_SHIFT) + 1, 0);
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
}
