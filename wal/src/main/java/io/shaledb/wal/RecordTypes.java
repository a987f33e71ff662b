package io.shaledb.wal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of record types. A record type is one unsigned byte; 0 is never valid (so zeroed
 * space never parses as a record). Each user of the log owns a range and registers its types at
 * class-initialisation time, which catches two components claiming the same code and gives log
 * dumps readable names:
 *
 * <pre>{@code
 * static final byte PAGE_SPLIT = RecordTypes.register(RecordTypes.Range.BTREE, 49, "btree.page-split");
 * }</pre>
 *
 * <table>
 *   <caption>Reserved ranges</caption>
 *   <tr><th>codes</th><th>owner</th></tr>
 *   <tr><td>0</td><td>invalid</td></tr>
 *   <tr><td>1–15</td><td>the WAL itself (checkpoint markers, padding, future use)</td></tr>
 *   <tr><td>16–47</td><td>transactions: commit, abort, prepare</td></tr>
 *   <tr><td>48–111</td><td>storage-btree redo records</td></tr>
 *   <tr><td>112–175</td><td>storage-lsm memtable log</td></tr>
 *   <tr><td>176–207</td><td>catalog, replication and other system components</td></tr>
 *   <tr><td>208–239</td><td>unassigned</td></tr>
 *   <tr><td>240–255</td><td>tests and experiments; never in production data</td></tr>
 * </table>
 *
 * The same table is in {@code docs/formats/wal.md}; change both together.
 */
public final class RecordTypes {

    /** A reserved range of codes, inclusive at both ends. */
    public enum Range {
        WAL(1, 15),
        TRANSACTION(16, 47),
        BTREE(48, 111),
        LSM(112, 175),
        SYSTEM(176, 207),
        UNASSIGNED(208, 239),
        TEST(240, 255);

        private final int first;
        private final int last;

        Range(int first, int last) {
            this.first = first;
            this.last = last;
        }

        public int first() {
            return first;
        }

        public int last() {
            return last;
        }

        public boolean contains(int code) {
            return code >= first && code <= last;
        }
    }

    private static final Map<Integer, String> NAMES = new ConcurrentHashMap<>();

    private RecordTypes() {}

    /**
     * Registers {@code code} under {@code name} in {@code range} and returns it as the byte to pass
     * to {@link Wal#append}. Registering the same code with the same name again is allowed (tests
     * reload classes); a different name for a taken code is a programming error.
     *
     * @throws IllegalArgumentException if the code is outside the range
     * @throws IllegalStateException if the code is registered under another name
     */
    public static byte register(Range range, int code, String name) {
        if (!range.contains(code)) {
            throw new IllegalArgumentException("record type " + code + " (" + name + ") is outside " + range + " ["
                    + range.first + ", " + range.last + "]");
        }
        String previous = NAMES.putIfAbsent(code, name);
        if (previous != null && !previous.equals(name)) {
            throw new IllegalStateException("record type " + code + " is already registered as " + previous
                    + ", cannot register it as " + name);
        }
        return (byte) code;
    }

    /** The registered name of {@code type}, or {@code "type-<code>"} if none. */
    public static String name(byte type) {
        int code = Byte.toUnsignedInt(type);
        return NAMES.getOrDefault(code, "type-" + code);
    }

    /** The range {@code type} belongs to, or {@code null} for 0. */
    public static Range rangeOf(byte type) {
        int code = Byte.toUnsignedInt(type);
        for (Range r : Range.values()) {
            if (r.contains(code)) {
                return r;
            }
        }
        return null;
    }
}
