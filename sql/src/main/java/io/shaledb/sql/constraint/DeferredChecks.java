package io.shaledb.sql.constraint;

import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlState;
import io.shaledb.sql.catalog.Constraint;
import io.shaledb.txn.Transaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Constraint checks postponed to COMMIT: those of DEFERRABLE INITIALLY DEFERRED constraints, and
 * of DEFERRABLE ones after {@code SET CONSTRAINTS ... DEFERRED} — foreign keys ({@link ForeignKeys})
 * and UNIQUE / PRIMARY KEY indexes ({@link UniqueRecheck}). Per transaction:
 *
 * <pre>
 *   statement end ──deferred?──> pending events ──COMMIT / SET CONSTRAINTS ... IMMEDIATE──> run
 * </pre>
 *
 * A failing check at COMMIT rolls the transaction back with the check's error, as in
 * PostgreSQL. Savepoints (SQL's and PL/pgSQL exception blocks') mark the queue and the SET
 * CONSTRAINTS state: ROLLBACK TO SAVEPOINT drops the checks queued since and restores the modes,
 * as PostgreSQL's subtransaction abort does; RELEASE keeps both. A check queued before the
 * savepoint that ran after it (SET CONSTRAINTS ... IMMEDIATE) is queued again: the rollback may
 * have undone the writes that made it pass, and PostgreSQL likewise un-fires such events.
 *
 * <pre>
 *   pending:  [e1 e2 | e3 e4]      SAVEPOINT s before e3
 *   ROLLBACK TO s  ──> [e1 e2]     (e3, e4 checked rows the rollback undid)
 * </pre>
 */
public final class DeferredChecks {
    private static final Map<Transaction, DeferredChecks> STATE = Collections.synchronizedMap(new IdentityHashMap<>());

    /** SET CONSTRAINTS ALL: null (each constraint's own INITIALLY), true or false. */
    private Boolean all;
    /** SET CONSTRAINTS name: constraint id -> deferred. */
    private final Map<Integer, Boolean> byConstraint = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    /** Checks that ran while a savepoint was open, with when they ran: re-queued if it is rolled back. */
    private final List<Ran> ran = new ArrayList<>();
    /** Sequence number of the next queued check (and of the next run, for {@link #ran}). */
    private long nextSeq;
    /** Open savepoints, newest last: the queue position and modes at each. */
    private final List<Mark> marks = new ArrayList<>();

    /** A postponed check of {@code constraint}: throws (a SqlException) when it fails. */
    public interface Check {
        void run(Transaction tx);
    }

    private record Pending(Constraint constraint, Check check, long seq) {}

    private record Ran(Pending pending, long ranAt) {}

    private record Mark(String name, long seq, Boolean all, Map<Integer, Boolean> byConstraint) {}

    private DeferredChecks() {}

    private static DeferredChecks of(Transaction tx) {
        return STATE.computeIfAbsent(tx, t -> {
            t.addEndListener(new Transaction.EndListener() {
                @Override
                public void committed(Transaction ended) {
                    STATE.remove(ended);
                }

                @Override
                public void rolledBack(Transaction ended) {
                    STATE.remove(ended);
                }
            });
            return new DeferredChecks();
        });
    }

    /** Whether {@code k}'s checks in {@code tx} wait for COMMIT now. */
    static boolean isDeferred(Transaction tx, Constraint k) {
        if (!k.deferrable()) {
            return false;
        }
        DeferredChecks d = STATE.get(tx);
        if (d == null) {
            return k.deferred();
        }
        Boolean own = d.byConstraint.get(k.id());
        return own != null ? own : d.all != null ? d.all : k.deferred();
    }

    static void defer(Transaction tx, ForeignKeys fks, ForeignKeys.Event e) {
        defer(tx, e.constraint(), t -> fks.runDeferred(t, e));
    }

    /** Queues {@code check} of {@code constraint} until COMMIT or SET CONSTRAINTS ... IMMEDIATE. */
    static void defer(Transaction tx, Constraint constraint, Check check) {
        DeferredChecks d = of(tx);
        d.pending.add(new Pending(constraint, check, d.nextSeq++));
    }

    /** SAVEPOINT {@code name}: remembers where the queue and the modes are. */
    public static void savepoint(Transaction tx, String name) {
        DeferredChecks d = of(tx);
        d.marks.add(new Mark(name, d.nextSeq, d.all, new HashMap<>(d.byConstraint)));
    }

    /** ROLLBACK TO SAVEPOINT {@code name}: drops the checks queued since and restores the modes (keeps the savepoint). */
    public static void rollbackTo(Transaction tx, String name) {
        DeferredChecks d = STATE.get(tx);
        int at = d == null ? -1 : d.find(name);
        if (at < 0) {
            return;
        }
        Mark m = d.marks.get(at);
        d.marks.subList(at + 1, d.marks.size()).clear();
        d.pending.removeIf(p -> p.seq() >= m.seq());
        for (java.util.Iterator<Ran> it = d.ran.iterator(); it.hasNext(); ) {
            Ran r = it.next();
            if (r.ranAt() >= m.seq()) {
                it.remove();
                if (r.pending().seq() < m.seq()) {
                    d.pending.add(r.pending()); // its rows are back as they were before the savepoint: check again
                }
            }
        }
        d.pending.sort(java.util.Comparator.comparingLong(Pending::seq));
        d.all = m.all();
        d.byConstraint.clear();
        d.byConstraint.putAll(m.byConstraint());
    }

    /** RELEASE SAVEPOINT {@code name}: forgets it and the savepoints after it; their checks stay queued. */
    public static void release(Transaction tx, String name) {
        DeferredChecks d = STATE.get(tx);
        int at = d == null ? -1 : d.find(name);
        if (at >= 0) {
            d.marks.subList(at, d.marks.size()).clear();
            if (d.marks.isEmpty()) {
                d.ran.clear();
            }
        }
    }

    /** The index of the newest mark called {@code name}, or -1. */
    private int find(String name) {
        for (int i = marks.size() - 1; i >= 0; i--) {
            if (marks.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code SET CONSTRAINTS}: {@code constraints} null for ALL; 42809 for a constraint that is
     * not deferrable ("constraint \"x\" is not deferrable"). Switching to IMMEDIATE runs the
     * pending checks of the constraints concerned now.
     */
    public static void set(Transaction tx, List<Constraint> constraints, boolean deferred) {
        DeferredChecks d = of(tx);
        if (constraints == null) {
            d.all = deferred;
            d.byConstraint.clear();
        } else {
            for (Constraint k : constraints) {
                if (!k.deferrable()) {
                    throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + k.name() + "\" is not deferrable");
                }
                d.byConstraint.put(k.id(), deferred);
            }
        }
        if (!deferred) {
            d.run(tx, false);
        }
    }

    /** Before COMMIT: runs every pending check (an exception means the transaction must roll back). */
    public static void beforeCommit(Transaction tx) {
        DeferredChecks d = STATE.get(tx);
        if (d != null) {
            d.run(tx, true);
        }
    }

    private void run(Transaction tx, boolean all) {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> now = new ArrayList<>();
        for (Pending p : pending) {
            if (all || !isDeferred(tx, p.constraint())) {
                now.add(p);
            }
        }
        pending.removeAll(now);
        for (int i = 0; i < now.size(); i++) {
            Pending p = now.get(i);
            try {
                tx.advanceCommand();
                p.check().run(tx);
            } catch (RuntimeException e) {
                // the failed check and those after it stay queued (a savepoint may still catch the error)
                pending.addAll(now.subList(i, now.size()));
                pending.sort(java.util.Comparator.comparingLong(Pending::seq));
                throw e;
            }
            if (!marks.isEmpty()) {
                ran.add(new Ran(p, nextSeq++));
            }
        }
    }
}
