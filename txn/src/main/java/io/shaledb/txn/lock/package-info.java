/**
 * Row locks: who may change or pin a row while other transactions wait, and how a wait that can
 * never end is found and broken.
 *
 * <h2>What a row lock is here</h2>
 *
 * MVCC lets readers and writers pass each other: a plain {@code SELECT} never locks. Row locks are
 * for the cases where two transactions must not both proceed on one row: two {@code UPDATE}s of
 * the same row, {@code SELECT ... FOR UPDATE}, a foreign-key check pinning the referenced row. A
 * lock is taken on a {@link io.shaledb.txn.lock.LockTarget} (relation id plus the row's encoded
 * primary key) by a {@link io.shaledb.txn.lock.LockOwner} (transaction id plus the pid of the
 * session running it), in one of PostgreSQL's four {@link io.shaledb.txn.lock.LockMode}s, and is held
 * until the transaction ends ({@link io.shaledb.txn.lock.LockManager#releaseAll}) or rolls back to a
 * savepoint taken before it ({@link io.shaledb.txn.lock.LockManager#releaseSince}). The modes'
 * conflict sets are nested, so an owner holds exactly one mode per row, the strongest it asked for;
 * asking for a stronger one is an upgrade.
 *
 * <p>Unlike PostgreSQL, which stores row locks in the tuple header and takes short heavyweight
 * "tuple" and "transactionid" locks only to queue waiters, this manager keeps every row lock in
 * memory. That costs memory for bulk lockers (about 170 bytes per locked row plus its key, measured
 * with one million rows locked by one transaction) but gives one simple model for granting, waiting,
 * {@code pg_locks} and deadlock detection.
 *
 * <h2>Entries and the queue</h2>
 *
 * A concurrent map holds one entry per target that is locked or awaited; an entry that becomes free
 * is removed. Each entry has its own monitor, so requests on different rows never contend, and the
 * uncontended path (a free row, a re-entrant request, a release nobody waits for) touches only that
 * monitor. An entry holds the granted owners and a FIFO queue of waiting requests:
 *
 * <pre>
 *   entry (accounts, id=1)
 *     holders:  P10 ForShare, P11 ForShare
 *     queue:    P12 ForNoKeyUpdate  →  P13 ForShare
 *               (blocked by P10,       (behind P12, with which it conflicts,
 *                P11)                   although P10 and P11 would let it in)
 *     new:      P14 ForKeyShare: conflicts with no holder and no one queued, granted at once
 * </pre>
 *
 * A request is granted when it conflicts with no other owner's held mode and with no request queued
 * ahead of it. New requests take the tail, so a steady stream of sharers cannot starve a waiting
 * updater (P13 waits behind P12), yet a request that conflicts
 * with nobody (P14) does not wait for nothing. An upgrade is queued just ahead of the first waiter
 * that conflicts with what the upgrader already holds: that waiter is waiting for it anyway, and
 * queueing the upgrade behind it would deadlock needlessly. Whenever something is released,
 * downgraded or leaves the queue, the entry re-runs the rule over the queue in order and grants all
 * it admits; the granted threads are unparked.
 *
 * <p>Waiting is a loop of {@code parkNanos}, never {@code Thread.interrupt} (storage engines close
 * file channels on interrupt): the waiter wakes when granted, at its timeout, to poll its cancel
 * check, or to re-run deadlock detection. NOWAIT fails and SKIP LOCKED returns false where BLOCK
 * would queue.
 *
 * <h2>The wait-for graph</h2>
 *
 * A waiting owner has an edge to every owner it waits for: the other holders of conflicting modes
 * and the conflicting requests queued ahead of it ({@link io.shaledb.txn.lock.LockManager#blockers}
 * lists exactly these, like {@code pg_blocking_pids()}). A cycle is a deadlock:
 *
 * <pre>
 *   P1 holds row a, wants row b         P1 ──waits for──▶ P2
 *   P2 holds row b, wants row c          ▲                 │
 *   P3 holds row c, wants row a          └──── P3 ◀────────┘
 * </pre>
 *
 * A request checks for a cycle through itself when it starts waiting and again every
 * {@code deadlockTimeout} while it waits, since later grants can add edges. The search starts at
 * the requester and follows edges depth-first, holding the monitor of each entry on its current
 * path, so a cycle it finds exists at that instant. The requester that finds the cycle is the
 * victim: its request is withdrawn (the others keep waiting; one of them proceeds once the victim's
 * transaction releases its locks) and it fails with a DETAIL in PostgreSQL's 40P01 form, one line
 * per edge starting with the victim's:
 *
 * <pre>
 *   Process 3 waits for ForUpdate on tuple (1) of relation "a"; blocked by process 1.
 *   Process 1 waits for ForUpdate on tuple (2) of relation "a"; blocked by process 2.
 *   Process 2 waits for ForUpdate on tuple (3) of relation "a"; blocked by process 3.
 * </pre>
 *
 * <h2>Savepoints</h2>
 *
 * Each owner keeps the history of its grants, each with the mode it replaced. A savepoint is a
 * position in that history; rolling back to it undoes the later grants newest first, so a row
 * locked since is released and a row upgraded since returns to the weaker mode, waking any waiter
 * the downgrade admits.
 */
package io.shaledb.txn.lock;
