package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;

/**
 * DUMP and RESTORE: a key's value as Redis's serialized payload (RDB encoding, version and CRC-64
 * footer; see kv's KvDump), so payloads move between ShaleDB and Redis for the plain types.
 * RESTORE's IDLETIME and FREQ are checked and ignored: nothing tracks access here.
 */
final class DumpCommands {
    private DumpCommands() {}

    static void register(CommandTable t) {
        t.add("dump", 2, "readonly random", 1, 1, 1, (c, a, out) -> out.bulk(c.db().dump(a.get(1))));
        t.add("restore", -4, "write denyoom", 1, 1, 1, DumpCommands::restore);
    }

    /** RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]. */
    private static void restore(Client c, Args a, RespWriter out) {
        boolean replace = false;
        boolean absTtl = false;
        boolean idle = false;
        boolean freq = false;
        for (int j = 4; j < a.size(); j++) {
            boolean more = j + 1 < a.size();
            if (a.is(j, "REPLACE")) {
                replace = true;
            } else if (a.is(j, "ABSTTL")) {
                absTtl = true;
            } else if (a.is(j, "IDLETIME") && more && !freq) {
                if (a.integer(++j) < 0) {
                    throw new RespError("ERR Invalid IDLETIME value, must be >= 0");
                }
                idle = true;
            } else if (a.is(j, "FREQ") && more && !idle) {
                long f = a.integer(++j);
                if (f < 0 || f > 255) {
                    throw new RespError("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
                freq = true;
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        KvDatabase db = c.db();
        Long ttl = KvDatabase.strictLong(a.get(2));
        if (ttl == null) { // Redis checks the key (BUSYKEY) before the TTL's syntax
            if (!replace && db.type(a.get(1)) != null) {
                throw new RespError("BUSYKEY Target key name already exists.");
            }
            throw new RespError("ERR value is not an integer or out of range");
        }
        db.restore(a.get(1), ttl, a.get(3), absTtl, replace);
        out.ok();
    }
}
