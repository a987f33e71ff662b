package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvException;
import io.shaledb.kv.KvStore;

/**
 * COPY (DB, REPLACE) and MOVE, with Redis 7.0's argument checks ({@link io.shaledb.kv.KvCopy}
 * does the work), and RANDOMKEY.
 */
final class KeyspaceCommands {
    private KeyspaceCommands() {}

    static void register(CommandTable t) {
        t.add("copy", -3, "write denyoom", 1, 2, 1, KeyspaceCommands::copy);
        t.add("move", 3, "write fast", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().copy().move(a.get(1), database(a, 2)) ? 1 : 0));
        t.add("randomkey", 1, "readonly", 0, 0, 0, (c, a, out) -> out.bulk(c.db().randomKey()));
    }

    private static void copy(Client c, Args a, RespWriter out) {
        boolean replace = false;
        int db = c.dbIndex();
        for (int j = 3; j < a.size(); j++) {
            if (a.is(j, "REPLACE")) {
                replace = true;
            } else if (a.is(j, "DB") && j + 1 < a.size()) {
                db = database(a, ++j);
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        out.integer(c.db().copy().copy(a.get(1), a.get(2), db, replace) ? 1 : 0);
    }

    /** A database number argument as Redis's getIntFromObjectOrReply reads it, then 0..15. */
    private static int database(Args a, int i) {
        Long n = KvDatabase.strictLong(a.get(i));
        if (n == null) {
            throw new RespError(KvException.NOT_INTEGER);
        }
        if (n != n.intValue()) {
            throw new RespError("ERR value is out of range, value must between -2147483648 and 2147483647");
        }
        if (n < 0 || n >= KvStore.DATABASES) {
            throw new RespError("ERR DB index is out of range");
        }
        return n.intValue();
    }
}
