package io.shaledb.resp;

import io.shaledb.kv.KvBlocking;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/**
 * The waiting half of BLPOP, BRPOP, BLMOVE, BLMPOP, BRPOPLPUSH and BZPOPMIN/MAX: try the
 * non-blocking form, and when it finds nothing, park on {@link KvBlocking} until a write to one of
 * the keys, the timeout, or the client's disconnect. The connection's worker is a virtual thread,
 * so a parked command holds no carrier thread and no transaction; the replies of earlier pipelined
 * commands are sent before it parks. Inside MULTI/EXEC it does not wait at all, as in Redis.
 */
final class Blocking {
    private Blocking() {}

    /**
     * A blocking command's timeout argument (seconds, fractions allowed) as a {@link System#nanoTime}
     * deadline; 0 waits forever ({@link Long#MAX_VALUE}).
     */
    static long deadline(Args a, int i) {
        BigDecimal seconds;
        try {
            String s = a.string(i);
            if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
                throw new NumberFormatException(s);
            }
            seconds = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new RespError("ERR timeout is not a float or out of range");
        }
        if (seconds.signum() < 0) {
            throw new RespError("ERR timeout is negative");
        }
        if (seconds.signum() == 0) {
            return Long.MAX_VALUE;
        }
        if (seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000_000L)) > 0) {
            throw new RespError("ERR timeout is out of range");
        }
        long millis = Math.max(1, seconds.movePointRight(3).longValue()); // Redis's resolution: milliseconds
        return System.nanoTime() + millis * 1_000_000L;
    }

    /**
     * A retry of a blocked client: a key that now holds another type (an EXEC that pushed, deleted
     * and SET it) does not serve the client, which stays blocked — as Redis, which only serves
     * blocked clients from keys of the right type.
     */
    private static <T> T retry(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (io.shaledb.kv.KvException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE")) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Runs {@code attempt} (one transaction; null: nothing to take) until it returns a result, the
     * deadline passes or the client disconnects (then null).
     */
    static <T> T await(Client c, List<byte[]> keys, long deadline, Supplier<T> attempt) {
        T result = attempt.get();
        if (result != null || c.store().inBatch()) {
            return result; // inside MULTI/EXEC a blocking command never waits: Redis replies as if it timed out
        }
        c.flushReplies();
        KvBlocking blocking = c.store().blocking();
        KvBlocking.Waiter w = blocking.register(c.dbIndex(), keys);
        c.blockedOn(w);
        try {
            while (true) {
                result = retry(attempt); // after registering: a push in between is not missed
                if (result != null || !w.await(deadline)) {
                    if (result == null && w.unblockedWithError()) {
                        throw new RespError("UNBLOCKED client unblocked via CLIENT UNBLOCK");
                    }
                    return result;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            c.blockedOn(null);
            blocking.unregister(w);
        }
    }
}
