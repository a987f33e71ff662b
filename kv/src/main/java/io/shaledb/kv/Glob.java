package io.shaledb.kv;

/**
 * Redis's glob patterns for KEYS and SCAN MATCH, over bytes: {@code *} any run, {@code ?} any one
 * byte, {@code [abc]} / {@code [^abc]} / {@code [a-z]} classes, {@code \x} a literal x.
 */
public final class Glob {
    private Glob() {}

    /** True when the whole of {@code subject} matches {@code pattern}. */
    public static boolean matches(byte[] pattern, byte[] subject) {
        return match(pattern, 0, subject, 0);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si) {
        while (pi < p.length) {
            byte c = p[pi];
            switch (c) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (int k = si; k <= s.length; k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length) {
                        return false;
                    }
                    si++;
                    pi++;
                }
                case '[' -> {
                    if (si >= s.length) {
                        return false;
                    }
                    int end = pi + 1;
                    boolean negate = end < p.length && p[end] == '^';
                    if (negate) {
                        end++;
                    }
                    boolean found = false;
                    while (end < p.length && p[end] != ']') {
                        if (p[end] == '\\' && end + 1 < p.length) {
                            end++;
                            found |= p[end] == s[si];
                        } else if (end + 2 < p.length && p[end + 1] == '-' && p[end + 2] != ']') {
                            int lo = p[end] & 0xFF;
                            int hi = p[end + 2] & 0xFF;
                            if (lo > hi) {
                                int t = lo;
                                lo = hi;
                                hi = t;
                            }
                            int b = s[si] & 0xFF;
                            found |= b >= lo && b <= hi;
                            end += 2;
                        } else {
                            found |= p[end] == s[si];
                        }
                        end++;
                    }
                    if (found == negate) {
                        return false;
                    }
                    pi = Math.min(end + 1, p.length);
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < p.length) {
                        pi++;
                    }
                    if (si >= s.length || p[pi] != s[si]) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                default -> {
                    if (si >= s.length || c != s[si]) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length;
    }
}
