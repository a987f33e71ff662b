package io.shaledb.testkit.history;

import java.util.List;

/** Small helpers for the observed lists of a list-append history. */
final class Lists {
    /** Lists longer than this are shown with their head elided, for readable reports. */
    private static final int SHOWN_TAIL = 4;

    private Lists() {}

    /** {@code [a, b]}, or {@code [...17, p, q, r, s]} for long lists; {@code ?} for an unknown result. */
    static String abbreviate(List<String> list) {
        if (list == null) {
            return "?";
        }
        if (list.size() <= SHOWN_TAIL + 1) {
            return list.toString();
        }
        List<String> tail = list.subList(list.size() - SHOWN_TAIL, list.size());
        return "[..." + (list.size() - SHOWN_TAIL) + ", " + String.join(", ", tail) + "]";
    }

    static boolean isPrefix(List<String> prefix, List<String> of) {
        return prefix.size() <= of.size() && of.subList(0, prefix.size()).equals(prefix);
    }
}
