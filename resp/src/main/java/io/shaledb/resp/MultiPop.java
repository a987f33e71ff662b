package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;
import java.util.List;

/**
 * The arguments of LMPOP, BLMPOP, ZMPOP and BZMPOP: {@code numkeys key [key ...] LEFT|RIGHT
 * [COUNT count]} (MIN|MAX for the sorted-set forms), with Redis's error texts.
 *
 * @param first true for LEFT (MIN)
 */
record MultiPop(List<byte[]> keys, boolean first, long count) {
    static MultiPop parse(Args a, int numKeysAt, String firstWord, String secondWord) {
        Long n = KvDatabase.strictLong(a.get(numKeysAt));
        if (n == null || n <= 0) {
            throw new RespError("ERR numkeys should be greater than 0");
        }
        if (n > a.size() - numKeysAt - 2) {
            throw new RespError(RespError.SYNTAX);
        }
        int i = numKeysAt + 1 + n.intValue();
        List<byte[]> keys = a.all().subList(numKeysAt + 1, i);
        boolean first = a.is(i, firstWord);
        if (!first && !a.is(i, secondWord)) {
            throw new RespError(RespError.SYNTAX);
        }
        long count = 1;
        boolean counted = false;
        for (i++; i < a.size(); i += 2) {
            if (counted || !a.is(i, "COUNT") || i + 1 >= a.size()) {
                throw new RespError(RespError.SYNTAX);
            }
            Long c = KvDatabase.strictLong(a.get(i + 1));
            if (c == null || c <= 0) {
                throw new RespError("ERR count should be greater than 0");
            }
            count = c;
            counted = true;
        }
        return new MultiPop(keys, first, count);
    }
}
