package io.shaledb.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bit commands of one database: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP and BITFIELD, with
 * Redis 7.0's semantics. A string is stored whole in its metadata record, so every writing bit
 * command is a read-modify-write of the value in one transaction under the key's lock; bits are
 * numbered from the most significant bit of the first byte, and a string grows with zero bytes
 * when a write reaches past its end (keeping its TTL), as in Redis.
 *
 * <pre>
 *   "@" = 0x40 = 0 1 0 0 0 0 0 0      SETBIT k 2 1  ->  0 1 1 0 0 0 0 0 = "`"
 *   bit:        0 1 2 3 4 5 6 7       BITFIELD k GET u4 0  ->  0b0110 = 6
 * </pre>
 *
 * Argument parsing (offsets, types, option names) is the protocol layer's; this class gets
 * checked numbers and applies Redis's range arithmetic.
 */
public final class KvBits {
    private final KvStore store;
    private final int db;

    KvBits(KvStore store, int db) {
        this.store = store;
        this.db = db;
    }

    /** BITOP's operations. */
    public enum Op { AND, OR, XOR, NOT }

    /** BITFIELD's overflow behaviours. */
    public enum Overflow { WRAP, SAT, FAIL }

    /**
     * One BITFIELD operation: GET ({@code write} false) or SET/INCRBY of a {@code bits}-wide
     * field at bit {@code offset}, signed or not, with the overflow mode in force when it was given.
     */
    public record FieldOp(boolean write, boolean incr, boolean signed, int bits, long offset, long value, Overflow overflow) {}

    private static KvMeta stringOrNull(KvMeta m) {
        if (m != null && m.type() != KvType.STRING) {
            throw KvException.wrongType();
        }
        return m;
    }

    private byte[] read(byte[] key) {
        return store.read(t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            return m == null ? null : m.value();
        });
    }

    // ------------------------------------------------------------------ SETBIT / GETBIT

    /** SETBIT: sets bit {@code offset} to {@code on}, growing the string; the bit's old value. */
    public long setBit(byte[] key, long offset, boolean on) {
        return store.write(db, List.of(key), t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            byte[] old = m == null ? new byte[0] : m.value();
            int index = (int) (offset >>> 3);
            int mask = 0x80 >>> (int) (offset & 7);
            boolean was = index < old.length && (old[index] & mask) != 0;
            if (m != null && index < old.length && was == on) {
                return was ? 1L : 0L; // nothing changes: no write (WATCH is not touched, as in Redis)
            }
            byte[] v = Arrays.copyOf(old, Math.max(old.length, index + 1));
            v[index] = (byte) (on ? v[index] | mask : v[index] & ~mask);
            t.put(db, key, m, m == null ? KvMeta.string(v, 0) : m.withValue(v));
            return was ? 1L : 0L;
        });
    }

    /** GETBIT: bit {@code offset}, 0 past the end or for a missing key. */
    public long getBit(byte[] key, long offset) {
        byte[] v = read(key);
        long index = offset >>> 3;
        return v == null || index >= v.length ? 0 : (v[(int) index] >> (7 - (int) (offset & 7))) & 1;
    }

    // ------------------------------------------------------------------ BITCOUNT / BITPOS

    /**
     * BITCOUNT with Redis's range rules: {@code range} null counts the whole string; otherwise
     * {start, end} in bytes, or in bits when {@code bitUnit}, negative from the end.
     * {@code badArguments}, when set, is thrown once the key turned out to be a string.
     */
    public long bitCount(byte[] key, long[] range, boolean bitUnit, KvException badArguments) {
        byte[] v = read(key);
        if (v == null) {
            return 0;
        }
        if (badArguments != null) {
            throw badArguments; // Redis 7.0 looks at the key before it parses the range
        }
        long start;
        long end;
        if (range == null) {
            start = 0;
            end = (long) v.length * 8 - 1;
        } else {
            long total = bitUnit ? (long) v.length << 3 : v.length;
            start = range[0];
            end = range[1];
            if (start < 0 && end < 0 && start > end) {
                return 0;
            }
            start = clampIndex(start, total);
            end = Math.min(clampIndex(end, total), total - 1);
            if (start > end) {
                return 0;
            }
            if (!bitUnit) {
                start *= 8;
                end = end * 8 + 7;
            }
        }
        long count = 0;
        for (long bit = start; bit <= end; ) {
            if ((bit & 7) == 0 && bit + 7 <= end) {
                count += Integer.bitCount(v[(int) (bit >>> 3)] & 0xFF);
                bit += 8;
            } else {
                count += (v[(int) (bit >>> 3)] >> (7 - (int) (bit & 7))) & 1;
                bit++;
            }
        }
        return count;
    }

    private static long clampIndex(long i, long total) {
        long r = i < 0 ? total + i : i;
        return Math.max(0, r);
    }

    /** The parts of a BITPOS range: a missing value was not given. */
    public record PosRange(Long start, Long end, boolean bitUnit) {}

    /**
     * BITPOS: the first bit equal to {@code bit} in the range. A missing key is all zeros; without
     * an explicit end, a search for 0 in a string of ones answers the first bit after it.
     * {@code badArguments}, when set, is thrown once the key turned out to be a string (Redis's order).
     */
    public long bitPos(byte[] key, int bit, PosRange range, KvException badArguments) {
        byte[] v = read(key);
        if (v == null) {
            return bit == 1 ? -1 : 0;
        }
        if (badArguments != null) {
            throw badArguments;
        }
        long length = v.length;
        long start;
        long end;
        boolean bitUnit = range != null && range.bitUnit();
        boolean endGiven = range != null && range.end() != null;
        if (range == null || range.start() == null) {
            start = 0;
            end = length - 1;
        } else {
            long total = bitUnit ? length << 3 : length;
            start = range.start();
            end = endGiven ? range.end() : bitUnit ? (length << 3) + 7 : length - 1;
            start = clampIndex(start, total);
            end = Math.min(clampIndex(end, total), total - 1);
        }
        if (start > end) {
            return -1;
        }
        long first = bitUnit ? start : start * 8;
        long last = bitUnit ? end : end * 8 + 7;
        for (long b = first; b <= last; b++) {
            if (((v[(int) (b >>> 3)] >> (7 - (int) (b & 7))) & 1) == bit) {
                return b;
            }
        }
        return bit == 1 || endGiven ? -1 : last + 1;
    }

    // ------------------------------------------------------------------ BITOP

    /**
     * BITOP: combines the sources byte by byte (missing keys and short strings read as zeros) into
     * {@code dst} as a string without TTL; an all-empty result deletes {@code dst}. The result's length.
     */
    public long bitOp(Op op, byte[] dst, List<byte[]> sources) {
        List<byte[]> locked = new ArrayList<>(sources);
        locked.add(dst);
        return store.write(db, locked, t -> {
            List<byte[]> values = new ArrayList<>(sources.size());
            int max = 0;
            for (byte[] k : sources) {
                KvMeta m = stringOrNull(t.get(db, k));
                byte[] v = m == null ? new byte[0] : m.value();
                values.add(v);
                max = Math.max(max, v.length);
            }
            KvMeta old = t.get(db, dst);
            if (max == 0) {
                t.delete(db, dst);
                return 0L;
            }
            byte[] out = new byte[max];
            for (int i = 0; i < max; i++) {
                int acc = byteAt(values.get(0), i);
                if (op == Op.NOT) {
                    acc = ~acc;
                }
                for (int j = 1; j < values.size(); j++) {
                    int b = byteAt(values.get(j), i);
                    acc = switch (op) {
                        case AND -> acc & b;
                        case OR -> acc | b;
                        case XOR -> acc ^ b;
                        case NOT -> acc;
                    };
                }
                out[i] = (byte) acc;
            }
            t.put(db, dst, old, KvMeta.string(out, 0));
            return (long) max;
        });
    }

    private static int byteAt(byte[] v, int i) {
        return i < v.length ? v[i] & 0xFF : 0;
    }

    // ------------------------------------------------------------------ BITFIELD

    /**
     * BITFIELD (and BITFIELD_RO with only GETs): runs {@code ops} in order on the string, growing
     * it to the farthest bit a SET/INCRBY reaches (even when an overflow FAIL then skips the
     * write, as Redis does). One reply per op: the value, or null where FAIL refused.
     */
    public List<Long> bitField(byte[] key, List<FieldOp> ops) {
        boolean writes = ops.stream().anyMatch(FieldOp::write);
        if (!writes) {
            byte[] v = read(key);
            List<Long> out = new ArrayList<>(ops.size());
            for (FieldOp op : ops) {
                out.add(get(v == null ? new byte[0] : v, op.offset(), op.bits(), op.signed()));
            }
            return out;
        }
        return store.write(db, List.of(key), t -> {
            KvMeta m = stringOrNull(t.get(db, key));
            long highest = 0;
            for (FieldOp op : ops) {
                if (op.write()) {
                    highest = Math.max(highest, op.offset() + op.bits() - 1);
                }
            }
            byte[] old = m == null ? new byte[0] : m.value();
            byte[] v = Arrays.copyOf(old, (int) Math.max(old.length, (highest >>> 3) + 1));
            List<Long> out = new ArrayList<>(ops.size());
            for (FieldOp op : ops) {
                if (!op.write()) {
                    out.add(get(v, op.offset(), op.bits(), op.signed()));
                    continue;
                }
                long oldValue = get(v, op.offset(), op.bits(), op.signed());
                long base = op.incr() ? oldValue : op.value();
                long incr = op.incr() ? op.value() : 0;
                long[] limited = op.signed() ? signedOverflow(base, incr, op.bits(), op.overflow())
                        : unsignedOverflow(base, incr, op.bits(), op.overflow());
                if (limited == FAILED) {
                    out.add(null);
                    continue;
                }
                long next = limited != null ? limited[0] : base + incr;
                set(v, op.offset(), op.bits(), next);
                out.add(op.incr() ? next : oldValue);
            }
            t.put(db, key, m, m == null ? KvMeta.string(v, 0) : m.withValue(v));
            return out;
        });
    }

    /** What the overflow checks answer for "overflowed, and the mode is FAIL". */
    private static final long[] FAILED = new long[0];

    /**
     * Redis's checkUnsignedBitfieldOverflow: null when {@code value + incr} fits in {@code bits}
     * (at most 63) unsigned bits, else {the wrapped or saturated value}, or {@link #FAILED}.
     */
    static long[] unsignedOverflow(long value, long incr, int bits, Overflow mode) {
        long max = (1L << bits) - 1;
        long maxIncr = max - value;
        long minIncr = -value;
        boolean over = Long.compareUnsigned(value, max) > 0 || incr > 0 && incr > maxIncr;
        boolean under = !over && incr < 0 && incr < minIncr;
        if (!over && !under) {
            return null;
        }
        return switch (mode) {
            case WRAP -> new long[] {(value + incr) & max};
            case SAT -> new long[] {over ? max : 0L};
            case FAIL -> FAILED;
        };
    }

    /** Redis's checkSignedBitfieldOverflow for a {@code bits}-wide (1..64) signed field. */
    static long[] signedOverflow(long value, long incr, int bits, Overflow mode) {
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        long min = -max - 1;
        long maxIncr = max - value; // may wrap, as the C code's: only used once value is in range
        long minIncr = min - value;
        boolean over = value > max || bits != 64 && incr > maxIncr || value >= 0 && incr > 0 && incr > maxIncr;
        boolean under = !over && (value < min || bits != 64 && incr < minIncr || value < 0 && incr < 0 && incr < minIncr);
        if (!over && !under) {
            return null;
        }
        return switch (mode) {
            case WRAP -> {
                long c = value + incr;
                if (bits < 64) {
                    long mask = -1L << bits;
                    c = (c & (1L << (bits - 1))) != 0 ? c | mask : c & ~mask;
                }
                yield new long[] {c};
            }
            case SAT -> new long[] {over ? max : min};
            case FAIL -> FAILED;
        };
    }

    /** The {@code bits}-wide field at bit {@code offset} (zeros past the end), sign-extended when {@code signed}. */
    static long get(byte[] v, long offset, int bits, boolean signed) {
        long value = 0;
        for (int i = 0; i < bits; i++) {
            long b = offset + i;
            long index = b >>> 3;
            int bit = index < v.length ? (v[(int) index] >> (7 - (int) (b & 7))) & 1 : 0;
            value = (value << 1) | bit;
        }
        if (signed && bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits;
        }
        return value;
    }

    /** Writes the low {@code bits} bits of {@code value} at bit {@code offset}, most significant first. */
    static void set(byte[] v, long offset, int bits, long value) {
        for (int i = 0; i < bits; i++) {
            boolean on = ((value >>> (bits - 1 - i)) & 1) != 0;
            long b = offset + i;
            int index = (int) (b >>> 3);
            int mask = 0x80 >>> (int) (b & 7);
            v[index] = (byte) (on ? v[index] | mask : v[index] & ~mask);
        }
    }
}
