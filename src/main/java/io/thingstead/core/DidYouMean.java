package io.thingstead.core;

import java.util.Collection;
import java.util.Locale;

/** The known name nearest to a misspelt one (by edit distance, ignoring case), for error messages. */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * The candidate nearest to {@code word}, or null when there is none. A word of three or more
     * letters that starts a candidate counts as one edit from it ({@code prop}: {@code properties});
     * of equally near ones, the one sharing the longest start wins ({@code pageNumber}: {@code
     * pageNo}, not {@code pageSize}), then the first.
     */
    public static String nearest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (String c : candidates) {
            String other = c.toLowerCase(Locale.ROOT);
            int d = lower.length() >= 3 && other.startsWith(lower)
                    ? Math.min(1, distance(lower, other))
                    : distance(lower, other);
            int prefix = commonPrefix(lower, other);
            if (d < bestDistance || (d == bestDistance && prefix > bestPrefix)) {
                best = c;
                bestDistance = d;
                bestPrefix = prefix;
            }
        }
        return best;
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /** {@code "; did you mean 'x'?"}, or an empty string when there is no candidate. */
    public static String hint(String word, Collection<String> candidates) {
        String n = nearest(word, candidates);
        return n == null ? "" : "; did you mean '" + n + "'?";
    }

    /** Levenshtein distance; names are short, so the two-row table is cheap. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitution, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
