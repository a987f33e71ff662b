package io.shaledb.txn.lock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The lock state of one target: who holds which mode, and the FIFO queue of waiting requests.
 * Every method must be called with this object's monitor held; the manager's per-target locking is
 * {@code synchronized (entry)}. An entry that becomes unused is {@linkplain #retireIfUnused retired}
 * (removed from the manager's map and marked) so that free targets cost no memory; a thread that
 * finds a retired entry in hand simply looks the target up again.
 *
 * <p>The grant rule, shared by new requests and queued ones: a request at queue position {@code p}
 * is granted when its mode conflicts with no other owner's held mode and with no request queued
 * ahead of {@code p}. New requests go to the tail; an upgrade (the owner already holds a weaker
 * mode) goes just ahead of the first waiter that conflicts with what it already holds, because that
 * waiter is waiting for it anyway.
 *
 * <p>Costs: conflict checks are O(1) through per-mode holder counts; finding one owner's hold is a
 * scan of the holders, cheap for the usual one or few, O(n) per request and release on a row that
 * thousands of transactions share.
 */
final class LockEntry {
    final LockTarget target;
    /*
     * Holders in grant order: the first inline (a row usually has one holder), any others in the
     * parallel arrays. Holder i is (firstOwner, firstMode) for i == 0, (moreOwners[i-1], moreModes[i-1]) after.
     */
    private LockOwner firstOwner;
    private LockMode firstMode;
    private LockOwner[] moreOwners;
    private LockMode[] moreModes;
    private int holderCount;
    /** How many holders hold each mode. */
    private int keyShareHolders;
    private int shareHolders;
    private int noKeyUpdateHolders;
    private int updateHolders;
    /** Waiting requests, oldest first; null while none wait. */
    private ArrayList<Waiter> queue;
    private boolean retired;

    LockEntry(LockTarget target) {
        this.target = target;
    }

    boolean retired() {
        return retired;
    }

    /** The mode {@code owner} holds here, or null. */
    LockMode heldBy(LockOwner owner) {
        int i = holderIndex(owner);
        return i < 0 ? null : holderMode(i);
    }

    /** The queue position a new request by an owner holding {@code held} (or null) would take. */
    int insertionPoint(LockMode held) {
        if (queue == null) {
            return 0;
        }
        if (held != null) {
            for (int i = 0; i < queue.size(); i++) {
                if (queue.get(i).mode.conflictsWith(held)) {
                    return i;
                }
            }
        }
        return queue.size();
    }

    /** Whether {@code mode}, requested by an owner holding {@code held}, can be granted ahead of queue position {@code position}. */
    boolean grantable(LockMode mode, LockMode held, int position) {
        if (conflictsWithOtherHolders(mode, held)) {
            return false;
        }
        for (int i = 0; i < position; i++) {
            if (queue.get(i).mode.conflictsWith(mode)) {
                return false;
            }
        }
        return true;
    }

    private boolean conflictsWithOtherHolders(LockMode mode, LockMode held) {
        int conflicts = mode.conflictMask();
        for (LockMode m : LockMode.values()) {
            if ((conflicts & m.bit()) != 0 && holdersOf(m) - (m == held ? 1 : 0) > 0) {
                return true;
            }
        }
        return false;
    }

    private int holdersOf(LockMode mode) {
        return switch (mode) {
            case KEY_SHARE -> keyShareHolders;
            case SHARE -> shareHolders;
            case NO_KEY_UPDATE -> noKeyUpdateHolders;
            case UPDATE -> updateHolders;
        };
    }

    private void count(LockMode mode, int delta) {
        switch (mode) {
            case KEY_SHARE -> keyShareHolders += delta;
            case SHARE -> shareHolders += delta;
            case NO_KEY_UPDATE -> noKeyUpdateHolders += delta;
            case UPDATE -> updateHolders += delta;
        }
    }

    /** Makes {@code owner} hold {@code mode}; {@code held} is what it held before (null: nothing). */
    void grant(LockOwner owner, LockMode mode, LockMode held) {
        if (held == null) {
            addHolder(owner, mode);
        } else {
            setHold(owner, mode);
        }
    }

    /** Changes what {@code owner} holds to {@code mode}; null releases. The owner must hold something. */
    void setHold(LockOwner owner, LockMode mode) {
        int i = holderIndex(owner);
        if (i < 0) {
            throw new IllegalStateException(owner + " holds no lock on " + target);
        }
        count(holderMode(i), -1);
        if (mode != null) {
            count(mode, +1);
            if (i == 0) {
                firstMode = mode;
            } else {
                moreModes[i - 1] = mode;
            }
            return;
        }
        holderCount--;
        if (i == 0) {
            if (holderCount == 0) {
                firstOwner = null;
                firstMode = null;
                return;
            }
            firstOwner = moreOwners[0];
            firstMode = moreModes[0];
            i = 1;
        }
        int more = holderCount - 1; // entries in the arrays once the removed one is gone
        System.arraycopy(moreOwners, i, moreOwners, i - 1, more - (i - 1));
        System.arraycopy(moreModes, i, moreModes, i - 1, more - (i - 1));
        moreOwners[more] = null;
        moreModes[more] = null;
    }

    private void addHolder(LockOwner owner, LockMode mode) {
        count(mode, +1);
        if (holderCount == 0) {
            firstOwner = owner;
            firstMode = mode;
        } else {
            int more = holderCount - 1;
            if (moreOwners == null) {
                moreOwners = new LockOwner[2];
                moreModes = new LockMode[2];
            } else if (more == moreOwners.length) {
                moreOwners = Arrays.copyOf(moreOwners, more * 2);
                moreModes = Arrays.copyOf(moreModes, more * 2);
            }
            moreOwners[more] = owner;
            moreModes[more] = mode;
        }
        holderCount++;
    }

    private int holderIndex(LockOwner owner) {
        for (int i = 0; i < holderCount; i++) {
            if (holderOwner(i).equals(owner)) {
                return i;
            }
        }
        return -1;
    }

    private LockOwner holderOwner(int i) {
        return i == 0 ? firstOwner : moreOwners[i - 1];
    }

    private LockMode holderMode(int i) {
        return i == 0 ? firstMode : moreModes[i - 1];
    }

    void enqueue(Waiter waiter, int position) {
        if (queue == null) {
            queue = new ArrayList<>(2);
        }
        queue.add(position, waiter);
    }

    /**
     * Grants, in queue order, every waiter the grant rule now admits, and returns them (their
     * threads are to be unparked once the monitor is released). Called after anything that can
     * unblock a waiter: a release, a downgrade, a waiter leaving the queue.
     */
    List<Waiter> grantWaiters() {
        if (queue == null) {
            return List.of();
        }
        List<Waiter> granted = null;
        int stillWaiting = 0; // modes of the waiters ahead that stay queued
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if ((w.mode.conflictMask() & stillWaiting) == 0 && !conflictsWithOtherHolders(w.mode, w.held)) {
                grant(w.owner, w.mode, w.held);
                w.state = Waiter.State.GRANTED;
                it.remove();
                if (granted == null) {
                    granted = new ArrayList<>(2);
                }
                granted.add(w);
            } else {
                stillWaiting |= w.mode.bit();
            }
        }
        if (queue.isEmpty()) {
            queue = null;
        }
        return granted == null ? List.of() : granted;
    }

    /** Takes a still-waiting request out of the queue; returns the waiters that this unblocks. */
    List<Waiter> withdraw(Waiter waiter) {
        if (waiter.state != Waiter.State.WAITING || queue == null || !queue.remove(waiter)) {
            throw new IllegalStateException("not waiting: " + waiter.owner + " on " + target);
        }
        waiter.state = Waiter.State.WITHDRAWN;
        if (queue.isEmpty()) {
            queue = null;
        }
        return grantWaiters();
    }

    /**
     * Who {@code waiter} waits for: other holders of conflicting modes, then earlier queued requests
     * that conflict, each owner once. These are its edges in the wait-for graph.
     */
    List<LockOwner> blockersOf(Waiter waiter) {
        return blockersOf(waiter.owner, waiter.mode, queue.indexOf(waiter));
    }

    /** Who a request by {@code owner} for {@code mode} at queue position {@code position} would wait for. */
    List<LockOwner> blockersOf(LockOwner owner, LockMode mode, int position) {
        List<LockOwner> blockers = new ArrayList<>(2);
        for (int i = 0; i < holderCount; i++) {
            if (!holderOwner(i).equals(owner) && holderMode(i).conflictsWith(mode)) {
                blockers.add(holderOwner(i));
            }
        }
        for (int i = 0; i < position; i++) {
            Waiter ahead = queue.get(i);
            if (ahead.mode.conflictsWith(mode) && !blockers.contains(ahead.owner)) {
                blockers.add(ahead.owner);
            }
        }
        return blockers;
    }

    /** Whether {@code waiter} is still queued here, waiting. */
    boolean isWaiting(Waiter waiter) {
        return waiter.state == Waiter.State.WAITING && waiter.entry == this;
    }

    /** If nobody holds or awaits this target any more, removes the entry from {@code entries}. */
    void retireIfUnused(Map<LockTarget, LockEntry> entries) {
        if (holderCount == 0 && queue == null && !retired) {
            retired = true;
            entries.remove(target, this);
        }
    }

    /** Appends this target's rows of {@code pg_locks}: holders, then waiters in queue order. */
    void snapshot(List<LockInfo> out) {
        for (int i = 0; i < holderCount; i++) {
            out.add(new LockInfo(holderOwner(i), target, holderMode(i), true, null));
        }
        if (queue != null) {
            for (Waiter w : queue) {
                out.add(new LockInfo(w.owner, target, w.mode, false, Instant.ofEpochMilli(w.waitStartMillis)));
            }
        }
    }
}
