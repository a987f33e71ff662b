package io.shaledb.resp;

import io.shaledb.kv.KvStore;
import io.shaledb.kv.KvWatch;
import java.util.ArrayList;
import java.util.List;

/**
 * MULTI, EXEC, DISCARD, WATCH and UNWATCH with Redis 7's semantics.
 *
 * <pre>
 *   MULTI ─> +OK                     queued: command known, arity right, client authenticated
 *   SET a 1 ─> +QUEUED               otherwise: the error now, and EXEC answers EXECABORT
 *   INCR a  ─> +QUEUED
 *   EXEC ─> lock the stripes of every queued key (and watched key) ─ one core transaction:
 *           watch still holds? no ─> *-1 (null array)
 *                              yes ─> each command under a savepoint (a runtime error is its
 *                                     reply and undoes only that command) ─> commit ─> *2 ...
 * </pre>
 *
 * EXEC runs through {@link KvStore#atomically}: other clients see all of its writes or none, and
 * no other writer of its keys runs in between. WATCH registers keys in the store's watch registry
 * ({@link KvWatch}); any committed change of a watched key — by any client, expiry and FLUSHDB
 * included — makes EXEC fail with a null array.
 */
final class TransactionCommands {
    private TransactionCommands() {}

    /** One client's MULTI state. */
    static final class State {
        private List<Queued> queued;
        private boolean failed;
        private KvWatch watch;

        boolean inMulti() {
            return queued != null;
        }

        /** Commands queued since MULTI, -1 outside MULTI (CLIENT LIST's {@code multi=}). */
        int queuedCount() {
            List<Queued> q = queued;
            return q == null ? -1 : q.size();
        }

        /** A queuing error (unknown command, wrong arity, NOAUTH): EXEC will abort. */
        void flagError() {
            if (queued != null) {
                failed = true;
            }
        }

        void queue(Command cmd, Args args) {
            queued.add(new Queued(cmd, args));
        }

        /** Disconnect: forgets the watched keys. */
        void close(KvStore store) {
            if (watch != null) {
                store.unwatch(watch);
            }
        }
    }

    private record Queued(Command cmd, Args args) {}

    static void register(CommandTable t) {
        t.add("multi", 1, "noscript loading stale fast", 0, 0, 0, TransactionCommands::multi);
        t.add("exec", 1, "noscript loading stale skip-slowlog", 0, 0, 0, TransactionCommands::exec);
        t.add("discard", 1, "noscript loading stale fast", 0, 0, 0, TransactionCommands::discard);
        t.add("watch", -2, "noscript loading stale fast", 1, -1, 1, TransactionCommands::watch);
        t.add("unwatch", 1, "noscript loading stale fast", 0, 0, 0, TransactionCommands::unwatch);
    }

    /** Commands that run at once even inside MULTI (Redis: EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
    static boolean runsInsideMulti(Command cmd) {
        return switch (cmd.name()) {
            case "exec", "discard", "multi", "watch", "quit", "reset" -> true;
            default -> false;
        };
    }

    /**
     * Refuses a command before it runs (NOAUTH, wrong arity, NOPERM): inside MULTI this dooms the
     * transaction; a refused EXEC itself ends it with {@code EXECABORT ... because of: <reason>}, as
     * Redis's rejectCommand does.
     */
    static void reject(Client c, Command cmd, String message, RespWriter out) {
        State s = c.multi();
        if (cmd.name().equals("exec")) {
            s.queued = null;
            unwatchAll(c);
            out.error("EXECABORT Transaction discarded because of: " + (message.startsWith("ERR ") ? message.substring(4) : message));
            return;
        }
        s.flagError();
        out.error(message);
    }

    private static void multi(Client c, Args a, RespWriter out) {
        State s = c.multi();
        if (s.inMulti()) {
            throw new RespError("ERR MULTI calls can not be nested");
        }
        s.queued = new ArrayList<>();
        s.failed = false;
        out.ok();
    }

    private static void discard(Client c, Args a, RespWriter out) {
        State s = c.multi();
        if (!s.inMulti()) {
            throw new RespError("ERR DISCARD without MULTI");
        }
        s.queued = null;
        unwatchAll(c);
        out.ok();
    }

    private static void watch(Client c, Args a, RespWriter out) {
        State s = c.multi();
        if (s.inMulti()) {
            throw new RespError("ERR WATCH inside MULTI is not allowed");
        }
        if (s.watch == null) {
            s.watch = c.store().newWatch();
        }
        if (!s.watch.dirty()) { // no point in watching more once it is dirty
            c.store().watch(s.watch, c.dbIndex(), a.from(1));
        }
        out.ok();
    }

    private static void unwatch(Client c, Args a, RespWriter out) {
        unwatchAll(c);
        out.ok();
    }

    private static void unwatchAll(Client c) {
        State s = c.multi();
        if (s.watch != null) {
            c.store().unwatch(s.watch);
        }
    }

    private static void exec(Client c, Args a, RespWriter out) {
        State s = c.multi();
        if (!s.inMulti()) {
            throw new RespError("ERR EXEC without MULTI");
        }
        List<Queued> queued = s.queued;
        boolean failed = s.failed;
        s.queued = null;
        try {
            if (failed) {
                throw new RespError("EXECABORT Transaction discarded because of previous errors.");
            }
            KvStore store = c.store();
            int db = c.dbIndex();
            KvWatch w = s.watch;
            List<byte[]> keys = new ArrayList<>();
            boolean everyKey = w != null && store.watchesOtherDatabases(w, db);
            if (w != null) {
                keys.addAll(store.watchedKeys(w, db));
            }
            for (Queued q : queued) {
                everyKey |= touchesUnknownKeys(q.cmd());
                keys.addAll(lockKeys(q.cmd(), q.args()));
            }
            boolean ran = store.atomically(db, keys, everyKey, () -> {
                if (w != null && !store.watchHolds(w)) {
                    return false;
                }
                out.array(queued.size());
                for (Queued q : queued) {
                    RespConnection.invoke(q.cmd(), c, q.args(), out);
                }
                return true;
            });
            if (!ran) {
                out.nullArray();
            }
        } finally {
            unwatchAll(c);
        }
    }

    /** Whether a command may write keys not named by its arguments (FLUSHDB, SELECT, ...). */
    static boolean touchesUnknownKeys(Command cmd) {
        return cmd.firstKey() == 0 && (cmd.flags().contains("write") || cmd.name().equals("select")
                || cmd.name().equals("swapdb") || cmd.name().equals("move"));
    }

    /**
     * The arguments that may be keys: everything from the first key position on (values and
     * options too — locking a stripe too many is harmless, one too few is not, and commands with
     * movable keys such as ZUNIONSTORE are covered without knowing their syntax).
     */
    static List<byte[]> lockKeys(Command cmd, Args args) {
        if (cmd.firstKey() <= 0 || cmd.firstKey() >= args.size()) {
            return List.of();
        }
        return args.from(cmd.firstKey());
    }
}
