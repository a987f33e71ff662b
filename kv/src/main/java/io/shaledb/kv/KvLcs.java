package io.shaledb.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * LCS: the longest common subsequence of two strings, by Redis 7.0's dynamic program — a table of
 * LCS lengths of every pair of prefixes, walked back from the end to spell the answer and, for
 * IDX, the matching ranges (last first, as Redis lists them).
 *
 * <pre>
 *         ""  b  a  c          walk back from (3,3): equal bytes step diagonally (a match),
 *   ""     0  0  0  0          otherwise towards the larger neighbour (up on a tie: j--);
 *   a      0  0  1  1          contiguous diagonal steps form one range {a-range, b-range}
 *   c      0  0  1  2
 * </pre>
 */
public final class KvLcs {
    private final KvStore store;
    private final int db;

    KvLcs(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    /** One matching range: positions in the first and second string, inclusive, and its length. */
    public record Match(long aStart, long aEnd, long bStart, long bEnd, long length) {}

    /** The answer: the common subsequence, its length, and the ranges (only when asked for). */
    public record Result(byte[] lcs, long length, List<Match> matches) {}

    /**
     * The two strings LCS compares (missing keys are empty), read in one snapshot; an error when
     * either key holds another type.
     */
    public byte[][] strings(byte[] a, byte[] b) {
        return store.read(t -> {
            KvMeta ma = t.get(db, a);
            KvMeta mb = t.get(db, b);
            if (ma != null && ma.type() != KvType.STRING || mb != null && mb.type() != KvType.STRING) {
                throw new KvException("ERR The specified keys must contain string values");
            }
            return new byte[][] {ma == null ? new byte[0] : ma.value(), mb == null ? new byte[0] : mb.value()};
        });
    }

    /**
     * The LCS of {@code x} and {@code y}; {@code maxTableBytes} bounds the table (Redis:
     * proto-max-bulk-len), {@code minMatchLength} filters the ranges collected when {@code wantMatches}.
     */
    public static Result compute(byte[] x, byte[] y, boolean wantMatches, long minMatchLength, long maxTableBytes) {
        int alen = x.length;
        int blen = y.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * 4 > maxTableBytes) {
            throw new KvException("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        if (cells > Integer.MAX_VALUE - 16) {
            throw new KvException("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        int width = blen + 1;
        int[] table = new int[(int) cells];
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                table[i * width + j] = x[i - 1] == y[j - 1] ? table[(i - 1) * width + j - 1] + 1
                        : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
            }
        }
        int length = table[alen * width + blen];
        byte[] lcs = new byte[length];
        List<Match> matches = new ArrayList<>();
        int idx = length;
        int aStart = alen; // alen: no range open
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        int i = alen;
        int j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (x[i - 1] == y[j - 1]) {
                lcs[idx - 1] = x[i - 1];
                if (aStart == alen) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            if (emit) {
                long matchLength = aEnd - aStart + 1;
                if (wantMatches && (minMatchLength == 0 || matchLength >= minMatchLength)) {
                    matches.add(new Match(aStart, aEnd, bStart, bEnd, matchLength));
                }
                aStart = alen;
            }
        }
        return new Result(lcs, length, matches);
    }
}
