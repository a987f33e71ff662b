package io.shaledb.txn.lock;

import static io.shaledb.txn.lock.LockMode.KEY_SHARE;
import static io.shaledb.txn.lock.LockMode.NO_KEY_UPDATE;
import static io.shaledb.txn.lock.LockMode.SHARE;
import static io.shaledb.txn.lock.LockMode.UPDATE;
import static io.shaledb.txn.lock.WaitPolicy.BLOCK;
import static io.shaledb.txn.lock.WaitPolicy.NOWAIT;
import static io.shaledb.txn.lock.WaitPolicy.SKIP_LOCKED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LockManagerTest {
    private static final int ACCOUNTS = 7;

    private final LockOwner p1 = new LockOwner(101, 1);
    private final LockOwner p2 = new LockOwner(102, 2);
    private final LockOwner p3 = new LockOwner(103, 3);
    private final LockOwner p4 = new LockOwner(104, 4);
    private final LockTarget row1 = row(1);
    private final LockTarget row2 = row(2);
    private final LockTarget row3 = row(3);

    private LockManager locks;

    @BeforeEach
    void setUp() {
        locks = new LockManager(t -> "tuple (" + new String(t.key(), UTF_8) + ") of relation \""
                + (t.relation() == ACCOUNTS ? "accounts" : "r" + t.relation()) + "\"");
        // Deterministic tests: only the check at the start of a wait may find a deadlock.
        locks.setDeadlockTimeout(Duration.ofMinutes(5));
    }

    private static LockTarget row(int id) {
        return new LockTarget(ACCOUNTS, Integer.toString(id).getBytes(UTF_8));
    }

    private boolean take(LockOwner owner, LockTarget target, LockMode mode) {
        return locks.acquire(owner, target, mode, BLOCK, 0, null);
    }

    private Attempt waitFor(LockOwner owner, LockTarget target, LockMode mode) {
        return Attempt.start("pid " + owner.pid(), () -> take(owner, target, mode)).awaitWaiting(locks);
    }

    private static LockInfo held(LockOwner owner, LockTarget target, LockMode mode) {
        return new LockInfo(owner, target, mode, true, null);
    }

    /** The pg_locks rows without the wait start time, which tests cannot predict. */
    private List<LockInfo> snapshot() {
        return locks.locks().stream()
                .map(i -> new LockInfo(i.owner(), i.target(), i.mode(), i.granted(), null))
                .toList();
    }

    private static LockInfo awaited(LockOwner owner, LockTarget target, LockMode mode) {
        return new LockInfo(owner, target, mode, false, null);
    }

    // --- granting, re-entrancy, upgrades ---------------------------------------------------------

    @Test
    void aFreeRowIsGrantedAtOnceAndItsEntryGoesAwayOnRelease() {
        assertThat(take(p1, row1, UPDATE)).isTrue();
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE));
        assertThat(locks.lockedTargetCount()).isEqualTo(1);

        locks.releaseAll(p1);
        assertThat(locks.locks()).isEmpty();
        assertThat(locks.lockedTargetCount()).isZero();
    }

    @Test
    void targetsAreEqualByKeyContent() {
        take(p1, new LockTarget(ACCOUNTS, new byte[] {'1'}), UPDATE);
        assertThatThrownBy(() -> locks.acquire(p2, row1, KEY_SHARE, NOWAIT, 0, null))
                .isInstanceOf(LockException.class);
        assertThat(locks.acquire(p2, new LockTarget(ACCOUNTS + 1, new byte[] {'1'}), UPDATE, NOWAIT, 0, null))
                .as("same key, other relation").isTrue();
    }

    @Test
    void aTargetOwnsItsKey() {
        byte[] key = {'1'};
        LockTarget target = new LockTarget(ACCOUNTS, key);
        key[0] = '2';
        target.key()[0] = '3';
        assertThat(target).isEqualTo(row1).hasSameHashCodeAs(row1);
    }

    @Test
    void modesThatDoNotConflictAreHeldTogether() {
        assertThat(take(p1, row1, SHARE)).isTrue();
        assertThat(take(p2, row1, SHARE)).isTrue();
        assertThat(take(p3, row1, KEY_SHARE)).isTrue();
        assertThat(snapshot()).containsExactly(held(p1, row1, SHARE), held(p2, row1, SHARE), held(p3, row1, KEY_SHARE));

        locks.releaseAll(p1);
        locks.releaseAll(p3);
        assertThat(snapshot()).containsExactly(held(p2, row1, SHARE));
    }

    @Test
    void aHeldEqualOrStrongerModeMakesARequestANoOp() {
        take(p1, row1, NO_KEY_UPDATE);
        long mark = locks.mark(p1);
        for (LockMode weaker : List.of(KEY_SHARE, SHARE, NO_KEY_UPDATE)) {
            assertThat(locks.acquire(p1, row1, weaker, NOWAIT, 0, null)).isTrue();
        }
        assertThat(snapshot()).containsExactly(held(p1, row1, NO_KEY_UPDATE));
        assertThat(locks.mark(p1)).as("no-ops leave no history").isEqualTo(mark);
        locks.releaseAll(p1);
        assertThat(locks.lockedTargetCount()).isZero();
    }

    @Test
    void anUpgradeOfASoleHolderIsGrantedAtOnce() {
        take(p1, row1, KEY_SHARE);
        assertThat(locks.acquire(p1, row1, UPDATE, NOWAIT, 0, null)).isTrue();
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE));
        assertThatThrownBy(() -> locks.acquire(p2, row1, KEY_SHARE, NOWAIT, 0, null)).isInstanceOf(LockException.class);
    }

    @Test
    void anUpgradeWaitsForTheOtherSharersAndShowsAsHeldPlusAwaited() {
        take(p1, row1, SHARE);
        take(p2, row1, SHARE);
        Attempt upgrade = waitFor(p1, row1, UPDATE);
        assertThat(snapshot()).containsExactly(held(p1, row1, SHARE), held(p2, row1, SHARE), awaited(p1, row1, UPDATE));
        assertThat(locks.blockers(p1)).containsExactly(p2);

        locks.releaseAll(p2);
        assertThat(upgrade.granted()).isTrue();
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE));
    }

    @Test
    void anUpgradeGoesAheadOfAWaiterThatWaitsForTheUpgraderAnyway() {
        take(p1, row1, SHARE);
        Attempt updater = waitFor(p2, row1, UPDATE);
        // Queued behind p2, p1's upgrade would wait for p2 while p2 waits for p1: a needless deadlock.
        assertThat(locks.acquire(p1, row1, NO_KEY_UPDATE, NOWAIT, 0, null)).isTrue();
        assertThat(snapshot()).containsExactly(held(p1, row1, NO_KEY_UPDATE), awaited(p2, row1, UPDATE));

        locks.releaseAll(p1);
        assertThat(updater.granted()).isTrue();
    }

    // --- fairness --------------------------------------------------------------------------------

    @Test
    void aStreamOfSharersCannotStarveAWaitingUpdater() {
        take(p1, row1, SHARE);
        Attempt updater = waitFor(p2, row1, UPDATE);

        // New sharers keep arriving while the first leaves; each would be compatible with the holders.
        LockOwner previous = p1;
        Attempt[] sharers = new Attempt[5];
        for (int i = 0; i < sharers.length; i++) {
            LockOwner sharer = new LockOwner(200 + i, 20 + i);
            sharers[i] = waitFor(sharer, row1, SHARE);
            assertThat(locks.blockers(sharer)).as("queued behind the updater").containsExactly(p2);
            if (previous == p1) {
                locks.releaseAll(p1);
                previous = sharer;
            }
        }
        assertThat(updater.granted()).isTrue();
        for (Attempt sharer : sharers) {
            assertThat(sharer.result).as("sharers stay queued while the updater holds").isNotDone();
        }

        locks.releaseAll(p2);
        for (Attempt sharer : sharers) {
            assertThat(sharer.granted()).isTrue();
        }
        assertThat(snapshot()).hasSize(sharers.length).allMatch(i -> i.granted() && i.mode() == SHARE);
    }

    @Test
    void aRequestThatConflictsWithNoHolderAndNoWaiterPassesTheQueue() {
        take(p1, row1, SHARE);
        waitFor(p2, row1, NO_KEY_UPDATE);
        // KEY SHARE conflicts neither with the held SHARE nor with the awaited NO KEY UPDATE.
        assertThat(locks.acquire(p3, row1, KEY_SHARE, NOWAIT, 0, null)).isTrue();
        // SHARE does conflict with the awaited NO KEY UPDATE, so it must queue.
        assertThat(locks.acquire(p4, row1, SHARE, SKIP_LOCKED, 0, null)).isFalse();
    }

    @Test
    void waitersAreGrantedInQueueOrderAsFarAsTheyAreCompatible() {
        take(p1, row1, UPDATE);
        Attempt share2 = waitFor(p2, row1, SHARE);
        Attempt update3 = waitFor(p3, row1, UPDATE);
        Attempt share4 = waitFor(p4, row1, SHARE);
        assertThat(locks.blockers(p4)).containsExactly(p1, p3);

        locks.releaseAll(p1);
        assertThat(share2.granted()).isTrue();
        assertThat(update3.result).isNotDone();
        assertThat(share4.result).as("queued behind the conflicting update3").isNotDone();
        assertThat(locks.blockers(p3)).containsExactly(p2);

        locks.releaseAll(p2);
        assertThat(update3.granted()).isTrue();
        locks.releaseAll(p3);
        assertThat(share4.granted()).isTrue();
    }

    // --- NOWAIT, SKIP LOCKED, timeout, cancel ----------------------------------------------------

    @Test
    void nowaitFailsAtOnceAndLeavesNothingQueued() {
        take(p1, row1, UPDATE);
        assertThatThrownBy(() -> locks.acquire(p2, row1, KEY_SHARE, NOWAIT, 0, null))
                .isInstanceOfSatisfying(LockException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LockException.Reason.NOT_AVAILABLE);
                    assertThat(e.getMessage()).isEqualTo("could not obtain lock on tuple (1) of relation \"accounts\"");
                    assertThat(e.detail()).isEqualTo(
                            "Process 2 requested ForKeyShare on tuple (1) of relation \"accounts\"; blocked by process 1.");
                    assertThat(e.owner()).isEqualTo(p2);
                    assertThat(e.target()).isEqualTo(row1);
                    assertThat(e.mode()).isEqualTo(KEY_SHARE);
                });
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE));
        assertThat(locks.mark(p2)).isZero();
    }

    @Test
    void nowaitAlsoFailsBehindAConflictingWaiter() {
        take(p1, row1, SHARE);
        waitFor(p2, row1, UPDATE);
        assertThatThrownBy(() -> locks.acquire(p3, row1, SHARE, NOWAIT, 0, null))
                .isInstanceOfSatisfying(LockException.class, e -> assertThat(e.detail()).endsWith("blocked by process 2."));
    }

    @Test
    void skipLockedReturnsFalseAtOnceAndLeavesNothingQueued() {
        take(p1, row1, SHARE);
        take(p2, row1, SHARE);
        assertThat(locks.acquire(p3, row1, UPDATE, SKIP_LOCKED, 0, null)).isFalse();
        assertThat(locks.acquire(p3, row2, UPDATE, SKIP_LOCKED, 0, null)).isTrue();
        assertThat(snapshot()).containsExactlyInAnyOrder(held(p1, row1, SHARE), held(p2, row1, SHARE), held(p3, row2, UPDATE));
    }

    @Test
    void aBoundedWaitTimesOutAndIsWithdrawn() {
        take(p1, row1, UPDATE);
        long timeout = TimeUnit.MILLISECONDS.toNanos(100);
        long start = System.nanoTime();
        assertThatThrownBy(() -> locks.acquire(p2, row1, SHARE, BLOCK, timeout, null))
                .isInstanceOfSatisfying(LockException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LockException.Reason.TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("canceling statement due to lock timeout");
                    assertThat(e.detail()).startsWith("Process 2 waited ").endsWith(" ms for ForShare on tuple (1) of relation \"accounts\".");
                });
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(timeout);
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE));
    }

    @Test
    void aWaiterLeavingTheQueueWakesThoseItWasBlocking() {
        take(p1, row1, SHARE);
        Attempt updater = Attempt.start("updater", () ->
                locks.acquire(p2, row1, UPDATE, BLOCK, TimeUnit.MILLISECONDS.toNanos(200), null));
        updater.awaitWaiting(locks);
        Attempt sharer = waitFor(p3, row1, SHARE);
        assertThat(locks.blockers(p3)).containsExactly(p2);

        assertThat(updater.failure().reason()).isEqualTo(LockException.Reason.TIMEOUT);
        assertThat(sharer.granted()).as("granted once the updater ahead gave up").isTrue();
    }

    @Test
    void aCancelledWaitFailsAndIsWithdrawn() {
        take(p1, row1, UPDATE);
        AtomicBoolean cancel = new AtomicBoolean();
        locks.setCancelPollInterval(Duration.ofMinutes(5)); // only signalCancel can make it notice in time
        Attempt waiter = Attempt.start("cancellable", () -> locks.acquire(p2, row1, UPDATE, BLOCK, 0, cancel::get))
                .awaitWaiting(locks);
        cancel.set(true);
        locks.signalCancel(p2);
        LockException e = waiter.failure();
        assertThat(e.reason()).isEqualTo(LockException.Reason.CANCELLED);
        assertThat(e.detail()).isEqualTo("Process 2 was waiting for ForUpdate on tuple (1) of relation \"accounts\".");
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE));
    }

    @Test
    void theCancelCheckIsPolledWhileWaiting() {
        take(p1, row1, UPDATE);
        locks.setCancelPollInterval(Duration.ofMillis(5));
        AtomicBoolean cancel = new AtomicBoolean();
        BooleanSupplier check = cancel::get;
        Attempt waiter = Attempt.start("polling", () -> locks.acquire(p2, row1, UPDATE, BLOCK, 0, check))
                .awaitWaiting(locks);
        cancel.set(true);
        assertThat(waiter.failure().reason()).isEqualTo(LockException.Reason.CANCELLED);
    }

    @Test
    void aFailingCancelCheckLeavesNothingQueued() {
        take(p1, row1, UPDATE);
        locks.setCancelPollInterval(Duration.ofMillis(1));
        AtomicBoolean broken = new AtomicBoolean();
        Attempt waiter = Attempt.start("broken check", () -> locks.acquire(p2, row1, UPDATE, BLOCK, 0, () -> {
            if (broken.get()) {
                throw new IllegalStateException("session gone");
            }
            return false;
        })).awaitWaiting(locks);
        Attempt behind = waitFor(p3, row1, KEY_SHARE);
        broken.set(true);
        assertThat(waiter.result).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE), awaited(p3, row1, KEY_SHARE));
        locks.releaseAll(p1);
        assertThat(behind.granted()).isTrue();
    }

    @Test
    void anInterruptDoesNotEndTheWaitAndIsKeptForTheCaller() throws InterruptedException {
        take(p1, row1, UPDATE);
        Attempt waiter = waitFor(p2, row1, UPDATE);
        waiter.thread.interrupt();
        Thread.sleep(50);
        waiter.awaitWaiting(locks);
        assertThat(waiter.result).isNotDone();

        locks.releaseAll(p1);
        assertThat(waiter.granted()).isTrue();
        assertThat(waiter.interruptedAtEnd).isTrue();
    }

    // --- deadlocks -------------------------------------------------------------------------------

    @Test
    void twoPartyDeadlockFailsTheRequestThatClosesTheCycle() {
        take(p1, row1, UPDATE);
        take(p2, row2, UPDATE);
        Attempt first = waitFor(p1, row2, NO_KEY_UPDATE);

        assertThatThrownBy(() -> take(p2, row1, UPDATE))
                .isInstanceOfSatisfying(LockException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LockException.Reason.DEADLOCK);
                    assertThat(e.getMessage()).isEqualTo("deadlock detected");
                    assertThat(e.detail()).isEqualTo("""
                            Process 2 waits for ForUpdate on tuple (1) of relation "accounts"; blocked by process 1.
                            Process 1 waits for ForNoKeyUpdate on tuple (2) of relation "accounts"; blocked by process 2.""");
                });
        // The victim's request is gone, its held lock stays until its transaction ends.
        assertThat(snapshot()).containsExactlyInAnyOrder(
                held(p1, row1, UPDATE), held(p2, row2, UPDATE), awaited(p1, row2, NO_KEY_UPDATE));
        assertThat(first.result).isNotDone();

        locks.releaseAll(p2);
        assertThat(first.granted()).isTrue();
    }

    @Test
    void threePartyDeadlockNamesEveryEdgeStartingWithTheVictim() {
        take(p1, row1, UPDATE);
        take(p2, row2, UPDATE);
        take(p3, row3, UPDATE);
        Attempt a = waitFor(p1, row2, UPDATE);
        Attempt b = waitFor(p2, row3, SHARE);

        assertThatThrownBy(() -> take(p3, row1, KEY_SHARE))
                .isInstanceOfSatisfying(LockException.class, e -> assertThat(e.detail()).isEqualTo("""
                        Process 3 waits for ForKeyShare on tuple (1) of relation "accounts"; blocked by process 1.
                        Process 1 waits for ForUpdate on tuple (2) of relation "accounts"; blocked by process 2.
                        Process 2 waits for ForShare on tuple (3) of relation "accounts"; blocked by process 3."""));
        assertThat(a.result).isNotDone();
        assertThat(b.result).isNotDone();

        locks.releaseAll(p3);
        assertThat(b.granted()).isTrue();
        locks.releaseAll(p2);
        assertThat(a.granted()).isTrue();
    }

    @Test
    void twoSharersBothUpgradingDeadlock() {
        take(p1, row1, SHARE);
        take(p2, row1, SHARE);
        Attempt first = waitFor(p1, row1, UPDATE);

        assertThatThrownBy(() -> take(p2, row1, UPDATE))
                .isInstanceOfSatisfying(LockException.class, e -> assertThat(e.detail()).isEqualTo("""
                        Process 2 waits for ForUpdate on tuple (1) of relation "accounts"; blocked by process 1.
                        Process 1 waits for ForUpdate on tuple (1) of relation "accounts"; blocked by process 2."""));
        assertThat(snapshot()).containsExactly(held(p1, row1, SHARE), held(p2, row1, SHARE), awaited(p1, row1, UPDATE));

        locks.releaseAll(p2);
        assertThat(first.granted()).isTrue();
        assertThat(snapshot()).containsExactly(held(p1, row1, UPDATE));
    }

    @Test
    void waitingBehindAQueuedRequestCountsAsAnEdge() {
        // p1 holds row1; p2 queues for row1; p3 holds row2 and queues behind p2; p1 then wants row2.
        take(p1, row1, SHARE);
        take(p3, row2, UPDATE);
        Attempt p2Waits = waitFor(p2, row1, UPDATE);
        Attempt p3Waits = waitFor(p3, row1, SHARE);
        assertThat(locks.blockers(p3)).containsExactly(p2);

        assertThatThrownBy(() -> take(p1, row2, SHARE))
                .isInstanceOfSatisfying(LockException.class, e -> assertThat(e.detail()).isEqualTo("""
                        Process 1 waits for ForShare on tuple (2) of relation "accounts"; blocked by process 3.
                        Process 3 waits for ForShare on tuple (1) of relation "accounts"; blocked by process 2.
                        Process 2 waits for ForUpdate on tuple (1) of relation "accounts"; blocked by process 1."""));
        locks.releaseAll(p1);
        assertThat(p2Waits.granted()).isTrue();
        locks.releaseAll(p2);
        assertThat(p3Waits.granted()).isTrue();
    }

    @Test
    void aWaitWithoutCycleIsNotADeadlock() {
        take(p1, row1, UPDATE);
        take(p2, row2, UPDATE);
        Attempt chain1 = waitFor(p2, row1, UPDATE);
        Attempt chain2 = waitFor(p3, row2, UPDATE);
        assertThat(locks.blockers(p3)).containsExactly(p2);
        locks.releaseAll(p1);
        assertThat(chain1.granted()).isTrue();
        locks.releaseAll(p2);
        assertThat(chain2.granted()).isTrue();
    }

    @Test
    void thePeriodicCheckFindsADeadlockTheFirstCheckMissed() {
        locks.setCheckWhenWaitStarts(false);
        locks.setDeadlockTimeout(Duration.ofMillis(50));
        take(p1, row1, UPDATE);
        take(p2, row2, UPDATE);
        Attempt a = waitFor(p1, row2, UPDATE);
        Attempt b = waitFor(p2, row1, UPDATE);

        // Exactly one of the two finds the cycle on its next periodic check and fails.
        java.util.concurrent.CompletableFuture.anyOf(a.result, b.result).exceptionally(e -> null).join();
        Attempt victim = a.result.isDone() ? a : b;
        Attempt survivor = victim == a ? b : a;
        LockOwner victimOwner = victim == a ? p1 : p2;
        LockException e = victim.failure();
        assertThat(e.reason()).isEqualTo(LockException.Reason.DEADLOCK);
        assertThat(e.detail()).startsWith("Process " + victimOwner.pid() + " waits for ForUpdate");
        assertThat(survivor.result).isNotDone();

        locks.releaseAll(victimOwner);
        assertThat(survivor.granted()).isTrue();
    }

    @Test
    void thePeriodicCheckRunsWhileWaiting() {
        locks.setDeadlockTimeout(Duration.ofMillis(20));
        take(p1, row1, UPDATE);
        Attempt waiter = waitFor(p2, row1, UPDATE);
        // Several periodic checks run (and find nothing) while p2 waits; it is still granted normally.
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        while (System.nanoTime() < until) {
            assertThat(waiter.result).isNotDone();
            Thread.onSpinWait();
        }
        locks.releaseAll(p1);
        assertThat(waiter.granted()).isTrue();
    }

    // --- savepoints --------------------------------------------------------------------------------

    @Test
    void releaseSinceRestoresTheStateAtTheMark() {
        take(p1, row1, SHARE);
        take(p1, row2, KEY_SHARE);
        List<LockInfo> before = snapshot();
        long mark = locks.mark(p1);

        take(p1, row1, UPDATE);        // upgrade after the mark
        take(p1, row3, NO_KEY_UPDATE); // new lock after the mark
        take(p1, row2, KEY_SHARE);     // no-op
        locks.releaseSince(p1, mark);

        assertThat(snapshot()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(locks.lockedTargetCount()).isEqualTo(2);
        assertThat(locks.mark(p1)).isEqualTo(mark);
        // The restored weaker mode is the one held again: another SHARE fits, an UPDATE does not.
        assertThat(locks.acquire(p2, row1, SHARE, NOWAIT, 0, null)).isTrue();
        assertThat(locks.acquire(p3, row3, UPDATE, NOWAIT, 0, null)).isTrue();
    }

    @Test
    void nestedSavepointsUnwindOneAtATime() {
        take(p1, row1, KEY_SHARE);
        long outer = locks.mark(p1);
        take(p1, row1, SHARE);
        long inner = locks.mark(p1);
        take(p1, row1, UPDATE);
        take(p1, row2, UPDATE);

        locks.releaseSince(p1, inner);
        assertThat(snapshot()).containsExactly(held(p1, row1, SHARE));
        locks.releaseSince(p1, outer);
        assertThat(snapshot()).containsExactly(held(p1, row1, KEY_SHARE));
        locks.releaseSince(p1, outer);
        assertThat(snapshot()).containsExactly(held(p1, row1, KEY_SHARE));
    }

    @Test
    void aDowngradeToTheSavepointWakesWaitersItAdmits() {
        take(p1, row1, SHARE);
        long mark = locks.mark(p1);
        take(p1, row1, UPDATE);
        Attempt keySharer = waitFor(p2, row1, KEY_SHARE);
        Attempt updater = waitFor(p3, row1, NO_KEY_UPDATE);

        locks.releaseSince(p1, mark);
        assertThat(keySharer.granted()).as("KEY SHARE fits beside SHARE").isTrue();
        assertThat(updater.result).as("NO KEY UPDATE still conflicts with SHARE").isNotDone();
        locks.releaseAll(p1);
        assertThat(updater.granted()).isTrue();
    }

    @Test
    void aSavepointMarkOfAnOwnerWithoutLocksIsZero() {
        assertThat(locks.mark(p1)).isZero();
        locks.releaseSince(p1, 0);
        locks.releaseAll(p1);
        assertThatThrownBy(() -> locks.releaseSince(p1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- pg_locks and pg_blocking_pids ----------------------------------------------------------------

    @Test
    void locksListsHoldersAndWaitersWithWaitStart() {
        take(p1, row1, SHARE);
        take(p2, row1, KEY_SHARE);
        take(p2, row2, UPDATE);
        long before = System.currentTimeMillis();
        waitFor(p3, row1, UPDATE);
        waitFor(p4, row1, KEY_SHARE);

        assertThat(snapshot()).containsExactlyInAnyOrder(
                held(p1, row1, SHARE), held(p2, row1, KEY_SHARE), held(p2, row2, UPDATE),
                awaited(p3, row1, UPDATE), awaited(p4, row1, KEY_SHARE));
        List<LockInfo> raw = locks.locks();
        assertThat(raw).filteredOn(LockInfo::granted).allMatch(i -> i.waitStart() == null);
        assertThat(raw).filteredOn(i -> !i.granted())
                .allSatisfy(i -> assertThat(i.waitStart().toEpochMilli()).isBetween(before, System.currentTimeMillis()));
        // Queue order is kept within a target.
        assertThat(raw).filteredOn(i -> !i.granted()).extracting(LockInfo::owner).containsExactly(p3, p4);

        assertThat(locks.blockers(p3)).containsExactly(p1, p2);
        assertThat(locks.blockers(p4)).containsExactly(p3);
        assertThat(locks.blockers(p1)).as("not waiting").isEmpty();
    }

    @Test
    void releaseAllWhileTheOwnerWaitsIsAnError() {
        take(p1, row1, UPDATE);
        take(p2, row2, UPDATE);
        Attempt waiter = waitFor(p2, row1, UPDATE);
        assertThatThrownBy(() -> locks.releaseAll(p2)).isInstanceOf(IllegalStateException.class);
        locks.releaseAll(p1);
        assertThat(waiter.granted()).isTrue();
        locks.releaseAll(p2);
        assertThat(locks.lockedTargetCount()).isZero();
    }

    // --- bulk owners ------------------------------------------------------------------------------------

    @Test
    void oneOwnerHoldingManyRowsIsCheapToTakeAndRelease() {
        int rows = 200_000;
        long start = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            locks.acquire(p1, new LockTarget(ACCOUNTS, intKey(i)), UPDATE, BLOCK, 0, null);
        }
        long took = System.nanoTime() - start;
        assertThat(locks.lockedTargetCount()).isEqualTo(rows);
        assertThat(locks.acquire(p2, new LockTarget(ACCOUNTS, intKey(rows / 2)), KEY_SHARE, SKIP_LOCKED, 0, null)).isFalse();

        long releaseStart = System.nanoTime();
        locks.releaseAll(p1);
        long released = System.nanoTime() - releaseStart;
        assertThat(locks.lockedTargetCount()).isZero();
        System.out.printf("%d row locks: acquire %d ms, releaseAll %d ms%n", rows,
                TimeUnit.NANOSECONDS.toMillis(took), TimeUnit.NANOSECONDS.toMillis(released));
    }

    private static byte[] intKey(int i) {
        return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
    }
}
