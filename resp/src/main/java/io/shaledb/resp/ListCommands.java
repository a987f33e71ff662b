package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvException;
import io.shaledb.kv.KvLists;
import java.util.List;

/**
 * The list family: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LRANGE, LLEN, LINDEX, LSET, LINSERT,
 * LREM, LTRIM, LPOS, LMOVE, RPOPLPUSH, LMPOP and the blocking BLPOP, BRPOP, BLMOVE, BRPOPLPUSH,
 * BLMPOP (see {@link Blocking}).
 */
final class ListCommands {
    private ListCommands() {}

    static void register(CommandTable t) {
        t.add("lpush", -3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().lists().push(a.get(1), a.from(2), true, false)));
        t.add("rpush", -3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().lists().push(a.get(1), a.from(2), false, false)));
        t.add("lpushx", -3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().lists().push(a.get(1), a.from(2), true, true)));
        t.add("rpushx", -3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().lists().push(a.get(1), a.from(2), false, true)));
        t.add("lpop", -2, "write fast", 1, 1, 1, (c, a, out) -> pop(c, a, out, true));
        t.add("rpop", -2, "write fast", 1, 1, 1, (c, a, out) -> pop(c, a, out, false));
        t.add("llen", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().lists().length(a.get(1))));
        t.add("lrange", 4, "readonly", 1, 1, 1, (c, a, out) -> {
            long start = a.integer(2);
            long stop = a.integer(3);
            out.bulkArray(c.db().lists().range(a.get(1), start, stop));
        });
        t.add("lindex", 3, "readonly", 1, 1, 1, (c, a, out) -> {
            if (indexAfterKey(c, a) == null) {
                out.nullBulk();
                return;
            }
            out.bulk(c.db().lists().index(a.get(1), a.integer(2)));
        });
        t.add("lset", 4, "write denyoom", 1, 1, 1, (c, a, out) -> {
            if (indexAfterKey(c, a) == null) {
                throw new RespError(KvException.NO_SUCH_KEY);
            }
            c.db().lists().set(a.get(1), a.integer(2), a.get(3));
            out.ok();
        });
        t.add("linsert", 5, "write denyoom", 1, 1, 1, (c, a, out) -> {
            boolean before = a.is(2, "BEFORE");
            if (!before && !a.is(2, "AFTER")) {
                throw new RespError(RespError.SYNTAX);
            }
            out.integer(c.db().lists().insert(a.get(1), before, a.get(3), a.get(4)));
        });
        t.add("lrem", 4, "write", 1, 1, 1, (c, a, out) -> out.integer(c.db().lists().remove(a.get(1), a.integer(2), a.get(3))));
        t.add("ltrim", 4, "write", 1, 1, 1, (c, a, out) -> {
            long start = a.integer(2);
            long stop = a.integer(3);
            c.db().lists().trim(a.get(1), start, stop);
            out.ok();
        });
        t.add("lpos", -3, "readonly", 1, 1, 1, ListCommands::lpos);
        t.add("lmove", 5, "write denyoom", 1, 2, 1, (c, a, out) -> {
            boolean fromLeft = side(a, 3);
            boolean toLeft = side(a, 4);
            out.bulk(c.db().lists().move(a.get(1), a.get(2), fromLeft, toLeft));
        });
        t.add("rpoplpush", 3, "write denyoom", 1, 2, 1, (c, a, out) -> out.bulk(c.db().lists().move(a.get(1), a.get(2), false, true)));
        t.add("lmpop", -4, "write", 0, 0, 0, (c, a, out) -> mpop(c, a, out, 1, Long.MIN_VALUE));
        t.add("blpop", -3, "write noscript blocking", 1, -2, 1, (c, a, out) -> bpop(c, a, out, true));
        t.add("brpop", -3, "write noscript blocking", 1, -2, 1, (c, a, out) -> bpop(c, a, out, false));
        t.add("blmove", 6, "write denyoom noscript blocking", 1, 2, 1, (c, a, out) -> {
            boolean fromLeft = side(a, 3);
            boolean toLeft = side(a, 4);
            bmove(c, a, out, fromLeft, toLeft, Blocking.deadline(a, 5));
        });
        t.add("brpoplpush", 4, "write denyoom noscript blocking", 1, 2, 1, (c, a, out) -> bmove(c, a, out, false, true, Blocking.deadline(a, 3)));
        t.add("blmpop", -5, "write blocking", 0, 0, 0, (c, a, out) -> mpop(c, a, out, 2, Blocking.deadline(a, 1)));
    }

    /**
     * LINDEX and LSET look the key up before they parse the index, so a bad index on a missing or
     * wrong-typed key gets the key's reply: null when the key is missing, WRONGTYPE, else the index.
     */
    private static Long indexAfterKey(Client c, Args a) {
        Long index = KvDatabase.strictLong(a.get(2));
        if (index == null && c.db().lists().length(a.get(1)) > 0) {
            throw new RespError(KvException.NOT_INTEGER);
        }
        return index == null ? null : index;
    }

    /** LEFT or RIGHT (true: left), else a syntax error. */
    private static boolean side(Args a, int i) {
        if (a.is(i, "LEFT")) {
            return true;
        }
        if (a.is(i, "RIGHT")) {
            return false;
        }
        throw new RespError(RespError.SYNTAX);
    }

    /** A count that must be positive: Redis's "value is out of range, must be positive" for anything else. */
    static long positiveCount(Args a, int i) {
        Long n = KvDatabase.strictLong(a.get(i));
        if (n == null || n < 0) {
            throw new RespError("ERR value is out of range, must be positive");
        }
        return n;
    }

    private static void pop(Client c, Args a, RespWriter out, boolean left) {
        if (a.size() > 3) {
            throw ConnectionCommands.wrongArity(a.name());
        }
        if (a.size() == 2) {
            List<byte[]> got = c.db().lists().pop(a.get(1), left, 1);
            out.bulk(got == null || got.isEmpty() ? null : got.getFirst());
            return;
        }
        long count = positiveCount(a, 2);
        List<byte[]> got = c.db().lists().pop(a.get(1), left, count);
        if (got == null) {
            out.nullArray();
        } else {
            out.bulkArray(got);
        }
    }

    private static void lpos(Client c, Args a, RespWriter out) {
        long rank = 1;
        Long count = null;
        long maxLen = 0;
        for (int i = 3; i < a.size(); i++) {
            if (i + 1 >= a.size()) {
                throw new RespError(RespError.SYNTAX);
            }
            switch (a.option(i)) {
                case "RANK" -> {
                    rank = a.integer(i + 1);
                    if (rank == 0) {
                        throw new RespError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                                + "or use negative to start from the end of the list");
                    }
                }
                case "COUNT" -> count = nonNegative(a, i + 1, "ERR COUNT can't be negative");
                case "MAXLEN" -> maxLen = nonNegative(a, i + 1, "ERR MAXLEN can't be negative");
                default -> throw new RespError(RespError.SYNTAX);
            }
            i++;
        }
        List<Long> found = c.db().lists().positions(a.get(1), a.get(2), new KvLists.PosOptions(rank, count, maxLen));
        if (count != null) {
            out.array(found.size());
            found.forEach(out::integer);
        } else if (found.isEmpty()) {
            out.nullBulk();
        } else {
            out.integer(found.getFirst());
        }
    }

    private static long nonNegative(Args a, int i, String message) {
        Long n = KvDatabase.strictLong(a.get(i));
        if (n == null || n < 0) {
            throw new RespError(message);
        }
        return n;
    }

    /** LMPOP / BLMPOP: numkeys at {@code numKeysAt}, then the keys, LEFT|RIGHT, [COUNT n]. */
    private static void mpop(Client c, Args a, RespWriter out, int numKeysAt, long deadline) {
        MultiPop p = MultiPop.parse(a, numKeysAt, "LEFT", "RIGHT");
        KvLists.Popped got = deadline == Long.MIN_VALUE
                ? c.db().lists().popFirst(p.keys(), p.first(), p.count())
                : Blocking.await(c, p.keys(), deadline, () -> c.db().lists().popFirst(p.keys(), p.first(), p.count()));
        if (got == null) {
            out.nullArray();
            return;
        }
        out.array(2);
        out.bulk(got.key());
        out.bulkArray(got.elements());
    }

    private static void bpop(Client c, Args a, RespWriter out, boolean left) {
        long deadline = Blocking.deadline(a, a.size() - 1);
        List<byte[]> keys = a.all().subList(1, a.size() - 1);
        KvLists.Popped got = Blocking.await(c, keys, deadline, () -> c.db().lists().popFirst(keys, left, 1));
        if (got == null) {
            out.nullArray();
            return;
        }
        out.array(2);
        out.bulk(got.key());
        out.bulk(got.elements().getFirst());
    }

    private static void bmove(Client c, Args a, RespWriter out, boolean fromLeft, boolean toLeft, long deadline) {
        byte[] moved = Blocking.await(c, List.of(a.get(1)), deadline, () -> c.db().lists().move(a.get(1), a.get(2), fromLeft, toLeft));
        if (moved == null) {
            out.nullArray(); // a timed-out blocking command replies a null array, as every one does in Redis
        } else {
            out.bulk(moved);
        }
    }
}
