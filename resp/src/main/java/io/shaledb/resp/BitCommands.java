package io.shaledb.resp;

import io.shaledb.kv.KvBits;
import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvException;
import io.shaledb.kv.KvLcs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bit commands (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO) and LCS:
 * Redis 7.0's argument parsing and error texts, in Redis's order of checks; the work is
 * {@link KvBits}'s and {@link KvLcs}'s. Bit offsets are limited by {@code proto-max-bulk-len}
 * (512 MB of bits' bytes by default), as in Redis.
 */
final class BitCommands {
    static final String BAD_OFFSET = "ERR bit offset is not an integer or out of range";
    private static final String BAD_BIT = "ERR bit is not an integer or out of range";
    private static final String BAD_TYPE = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private BitCommands() {}

    static void register(CommandTable t) {
        t.add("setbit", 4, "write denyoom", 1, 1, 1, BitCommands::setBit);
        t.add("getbit", 3, "readonly fast", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().bits().getBit(a.get(1), offset(c, a.get(2), false, 0))));
        t.add("bitcount", -2, "readonly", 1, 1, 1, BitCommands::bitCount);
        t.add("bitpos", -3, "readonly", 1, 1, 1, BitCommands::bitPos);
        t.add("bitop", -4, "write denyoom", 2, -1, 1, BitCommands::bitOp);
        t.add("bitfield", -2, "write denyoom", 1, 1, 1, (c, a, out) -> bitField(c, a, out, false));
        t.add("bitfield_ro", -2, "readonly fast", 1, 1, 1, (c, a, out) -> bitField(c, a, out, true));
        t.add("lcs", -3, "readonly", 1, 2, 1, BitCommands::lcs);
    }

    /**
     * Redis's getBitOffsetFromArgument: a non-negative integer whose byte is below
     * proto-max-bulk-len; with {@code hash}, {@code #n} means n fields of {@code bits} bits.
     */
    static long offset(Client c, byte[] arg, boolean hash, int bits) {
        boolean byFields = hash && bits > 0 && arg.length > 0 && arg[0] == '#';
        Long n = KvDatabase.strictLong(byFields ? Arrays.copyOfRange(arg, 1, arg.length) : arg);
        if (n == null) {
            throw new RespError(BAD_OFFSET);
        }
        long offset = n;
        if (byFields) {
            try {
                offset = Math.multiplyExact(n, (long) bits);
            } catch (ArithmeticException e) {
                throw new RespError(BAD_OFFSET);
            }
        }
        if (offset < 0 || (offset >>> 3) >= c.server().settings().maxBulkLength()) {
            throw new RespError(BAD_OFFSET);
        }
        return offset;
    }

    private static void setBit(Client c, Args a, RespWriter out) {
        long offset = offset(c, a.get(2), false, 0);
        Long on = KvDatabase.strictLong(a.get(3));
        if (on == null || (on & ~1L) != 0) {
            throw new RespError(BAD_BIT);
        }
        out.integer(c.db().bits().setBit(a.get(1), offset, on == 1));
    }

    /** A 64-bit integer argument, or the error to raise later (Redis checks the key first). */
    private static Long number(Args a, int i) {
        return KvDatabase.strictLong(a.get(i));
    }

    private static void bitCount(Client c, Args a, RespWriter out) {
        long[] range = null;
        boolean bitUnit = false;
        KvException bad = null;
        if (a.size() == 4 || a.size() == 5) {
            Long start = number(a, 2);
            Long end = start == null ? null : number(a, 3);
            if (start == null || end == null) {
                bad = new KvException(KvException.NOT_INTEGER);
            } else {
                range = new long[] {start, end};
                if (a.size() == 5) {
                    if (a.is(4, "BIT")) {
                        bitUnit = true;
                    } else if (!a.is(4, "BYTE")) {
                        bad = new KvException(RespError.SYNTAX);
                    }
                }
            }
        } else if (a.size() != 2) {
            bad = new KvException(RespError.SYNTAX);
        }
        out.integer(c.db().bits().bitCount(a.get(1), range, bitUnit, bad));
    }

    private static void bitPos(Client c, Args a, RespWriter out) {
        long bit = a.integer(2);
        if (bit != 0 && bit != 1) {
            throw new RespError("ERR The bit argument must be 1 or 0.");
        }
        KvBits.PosRange range = null;
        KvException bad = null;
        if (a.size() >= 4 && a.size() <= 6) {
            Long start = number(a, 3);
            boolean bitUnit = false;
            Long end = null;
            if (start == null) {
                bad = new KvException(KvException.NOT_INTEGER);
            } else if (a.size() == 6 && !a.is(5, "BIT") && !a.is(5, "BYTE")) {
                bad = new KvException(RespError.SYNTAX);
            } else {
                bitUnit = a.size() == 6 && a.is(5, "BIT");
                if (a.size() >= 5) {
                    end = number(a, 4);
                    if (end == null) {
                        bad = new KvException(KvException.NOT_INTEGER);
                    }
                }
            }
            range = new KvBits.PosRange(start, end, bitUnit);
        } else if (a.size() > 6) {
            bad = new KvException(RespError.SYNTAX);
        }
        out.integer(c.db().bits().bitPos(a.get(1), (int) bit, range, bad));
    }

    private static void bitOp(Client c, Args a, RespWriter out) {
        KvBits.Op op = switch (a.option(1)) {
            case "AND" -> KvBits.Op.AND;
            case "OR" -> KvBits.Op.OR;
            case "XOR" -> KvBits.Op.XOR;
            case "NOT" -> KvBits.Op.NOT;
            default -> throw new RespError(RespError.SYNTAX);
        };
        if (op == KvBits.Op.NOT && a.size() != 4) {
            throw new RespError("ERR BITOP NOT must be called with a single source key.");
        }
        out.integer(c.db().bits().bitOp(op, a.get(2), a.from(3)));
    }

    private static void bitField(Client c, Args a, RespWriter out, boolean readOnlyCommand) {
        List<KvBits.FieldOp> ops = new ArrayList<>();
        KvBits.Overflow overflow = KvBits.Overflow.WRAP;
        boolean writes = false;
        for (int j = 2; j < a.size(); j++) {
            int left = a.size() - j - 1;
            String sub = a.option(j);
            boolean get = sub.equals("GET") && left >= 2;
            boolean set = sub.equals("SET") && left >= 3;
            boolean incr = sub.equals("INCRBY") && left >= 3;
            if (sub.equals("OVERFLOW") && left >= 1) {
                overflow = switch (a.option(++j)) {
                    case "WRAP" -> KvBits.Overflow.WRAP;
                    case "SAT" -> KvBits.Overflow.SAT;
                    case "FAIL" -> KvBits.Overflow.FAIL;
                    default -> throw new RespError("ERR Invalid OVERFLOW type specified");
                };
                continue;
            }
            if (!get && !set && !incr) {
                throw new RespError(RespError.SYNTAX);
            }
            byte[] type = a.get(j + 1);
            boolean signed = type.length > 0 && type[0] == 'i';
            if (type.length == 0 || type[0] != 'i' && type[0] != 'u') {
                throw new RespError(BAD_TYPE);
            }
            Long bits = KvDatabase.strictLong(Arrays.copyOfRange(type, 1, type.length));
            if (bits == null || bits < 1 || bits > (signed ? 64 : 63)) {
                throw new RespError(BAD_TYPE);
            }
            long offset = offset(c, a.get(j + 2), true, bits.intValue());
            long value = 0;
            if (!get) {
                writes = true;
                value = a.integer(j + 3);
            }
            ops.add(new KvBits.FieldOp(!get, incr, signed, bits.intValue(), offset, value, overflow));
            j += get ? 2 : 3;
        }
        if (writes && readOnlyCommand) {
            throw new RespError("ERR BITFIELD_RO only supports the GET subcommand");
        }
        List<Long> results = c.db().bits().bitField(a.get(1), ops);
        out.array(results.size());
        for (Long r : results) {
            if (r == null) {
                out.nullBulk();
            } else {
                out.integer(r);
            }
        }
    }

    private static void lcs(Client c, Args a, RespWriter out) {
        byte[][] strings = c.db().lcs().strings(a.get(1), a.get(2)); // Redis checks the keys' types first
        boolean idx = false;
        boolean len = false;
        boolean withMatchLength = false;
        long minMatchLength = 0;
        for (int j = 3; j < a.size(); j++) {
            String opt = a.option(j);
            if (opt.equals("IDX")) {
                idx = true;
            } else if (opt.equals("LEN")) {
                len = true;
            } else if (opt.equals("WITHMATCHLEN")) {
                withMatchLength = true;
            } else if (opt.equals("MINMATCHLEN") && j + 1 < a.size()) {
                minMatchLength = Math.max(0, a.integer(++j));
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        if (idx && len) {
            throw new RespError("ERR If you want both the length and indexes, please just use IDX.");
        }
        KvLcs.Result r = KvLcs.compute(strings[0], strings[1], idx, minMatchLength, c.server().settings().maxBulkLength());
        if (idx) {
            out.map(2);
            out.bulk("matches");
            out.array(r.matches().size());
            for (KvLcs.Match m : r.matches()) {
                out.array(withMatchLength ? 3 : 2);
                out.array(2);
                out.integer(m.aStart());
                out.integer(m.aEnd());
                out.array(2);
                out.integer(m.bStart());
                out.integer(m.bEnd());
                if (withMatchLength) {
                    out.integer(m.length());
                }
            }
            out.bulk("len");
            out.integer(r.length());
        } else if (len) {
            out.integer(r.length());
        } else {
            out.bulk(r.lcs());
        }
    }
}
