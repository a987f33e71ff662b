package io.shaledb.resp;

import io.shaledb.kv.KvBlocking;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

/**
 * The waiting half of BLPOP, BRPOP, BLMOVE, BLMPOP, BRPOPLPUSH and BZPOPMIN/MAX: try the
 * non-blocking form, and when it finds nothing, queue on {@link KvBlocking} (first-in first-out
 * per key, as Redis) until a push to one of the keys serves it, the timeout, or the client's
 * disconnect. The connection's worker is a virtual thread,
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
     * blocked clients from keys of the right type. It returns {@link KvBlocking#PASS} then, so that
     * the clients queued behind it are still tried (a BLMOVE's destination of another type must not
     * hold up the BLPOPs behind it).
     */
    private static Object retry(Client c, List<byte[]> keys, io.shaledb.kv.KvType sourceType, Supplier<?> attempt) {
        try {
            return attempt.get();
        } catch (io.shaledb.kv.KvException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("WRONGTYPE")) {
                throw e;
            }
            if (sourceType != null && keys.stream().map(k -> c.db().type(k)).allMatch(t -> t == null || t == sourceType)) {
                throw e; // not a source: a BLMOVE's destination of another type ends the wait with the error, as in Redis
            }
            return KvBlocking.PASS;
        }
    }

    /**
     * Runs {@code attempt} (one transaction; null: nothing to take) at once, or, when it finds
     * nothing or other clients already wait on one of the keys, queues the client behind them
     * until a round serves it (first-in first-out per key, see {@link KvBlocking}), the deadline
     * passes or the client disconnects (then null).
     */
    static <T> T await(Client c, List<byte[]> keys, long deadline, Supplier<T> attempt) {
        return await(c, keys, null, deadline, attempt);
    }

    /**
     * {@link #await} for a command that also writes a destination (BLMOVE, BRPOPLPUSH): its
     * sources hold {@code sourceType}, so a WRONGTYPE while they do comes from the destination.
     */
    @SuppressWarnings("unchecked")
    static <T> T await(Client c, List<byte[]> keys, io.shaledb.kv.KvType sourceType, long deadline, Supplier<T> attempt) {
        KvBlocking blocking = c.store().blocking();
        if (c.store().inBatch()) {
            return attempt.get(); // inside MULTI/EXEC a blocking command never waits: Redis replies as if it timed out
        }
        if (!blocking.hasWaiters(c.dbIndex(), keys)) {
            T result = attempt.get();
            if (result != null) {
                return result;
            }
        }
        c.flushReplies();
        KvBlocking.Waiter w = blocking.waiter(c.dbIndex(), keys, () -> retry(c, keys, sourceType, attempt));
        c.blockedOn(w); // reachable by CLIENT UNBLOCK before INFO counts it blocked
        blocking.register(w);
        try {
            c.queuedAsBlocked(); // in line: the event loop may read the next commands (a push serves us in order)
            blocking.serve(c.dbIndex(), keys); // what was pushed meanwhile goes to the first in line (maybe us)
            T result = (T) w.await(deadline);
            if (result == null && w.unblockedWithError()) {
                throw new RespError("UNBLOCKED client unblocked via CLIENT UNBLOCK");
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            c.blockedOn(null);
            blocking.unregister(w);
        }
    }
}
