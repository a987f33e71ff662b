package io.shaledb.resp;

import io.shaledb.kv.KvSort;
import java.util.ArrayList;
import java.util.List;

/**
 * SORT and SORT_RO: Redis 7.0's option syntax (ASC, DESC, ALPHA, LIMIT offset count, BY pattern,
 * GET pattern ..., STORE key — not in SORT_RO), parsed in Redis's order so that the same input
 * gets the same error; {@link KvSort} does the work. As in Redis, BY with a real pattern and GET
 * are refused to a user who may not access every key (they read keys the command does not name).
 */
final class SortCommands {
    private SortCommands() {}

    static void register(CommandTable t) {
        t.add("sort", -2, "write denyoom movablekeys", 1, 1, 1, (c, a, out) -> sort(c, a, out, false));
        t.add("sort_ro", -2, "readonly movablekeys", 1, 1, 1, (c, a, out) -> sort(c, a, out, true));
    }

    private static void sort(Client c, Args a, RespWriter out, boolean readOnly) {
        boolean desc = false;
        boolean alpha = false;
        long limitStart = 0;
        long limitCount = -1;
        byte[] by = null;
        boolean dontSort = false;
        byte[] storeKey = null;
        List<byte[]> gets = new ArrayList<>();
        for (int j = 2; j < a.size(); j++) {
            int left = a.size() - j - 1;
            String opt = a.option(j);
            if (opt.equals("ASC")) {
                desc = false;
            } else if (opt.equals("DESC")) {
                desc = true;
            } else if (opt.equals("ALPHA")) {
                alpha = true;
            } else if (opt.equals("LIMIT") && left >= 2) {
                limitStart = a.integer(j + 1);
                limitCount = a.integer(j + 2);
                j += 2;
            } else if (!readOnly && opt.equals("STORE") && left >= 1) {
                storeKey = a.get(++j);
            } else if (opt.equals("BY") && left >= 1) {
                by = a.get(++j);
                if (indexOfStar(by) < 0) {
                    dontSort = true; // BY a constant: keep the native order
                } else if (!fullKeyAccess(c)) {
                    throw new RespError("ERR BY option of SORT denied due to insufficient ACL permissions.");
                }
            } else if (opt.equals("GET") && left >= 1) {
                if (!fullKeyAccess(c)) {
                    throw new RespError("ERR GET option of SORT denied due to insufficient ACL permissions.");
                }
                gets.add(a.get(++j));
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        if (storeKey != null && !AclCommands.unrestricted(c)) {
            AclUser u = c.server().acl().get(c.user());
            if (u != null && !u.canAccessKey(storeKey)) { // the table's key positions name only the source
                throw new RespError("NOPERM this user has no permissions to access one of the keys used as arguments");
            }
        }
        KvSort.Spec spec = new KvSort.Spec(a.get(1), desc, alpha, limitStart, limitCount, by, dontSort, gets, storeKey);
        if (storeKey != null) {
            out.integer(c.db().sort().sortStore(spec));
        } else {
            out.bulkArray(c.db().sort().sort(spec));
        }
    }

    private static int indexOfStar(byte[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i] == '*') {
                return i;
            }
        }
        return -1;
    }

    private static boolean fullKeyAccess(Client c) {
        AclUser u = c.server().acl().get(c.user());
        return u == null || u.allKeys();
    }
}
