package io.shaledb.testkit.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory list-append database with a choice of isolation, run under a given interleaving,
 * that records the history its clients would have seen. Its serial runs (one transaction at a
 * time) must pass every check; its snapshot-isolation runs must pass the snapshot isolation check
 * and sometimes fail the serializable one (write skew); its read-committed runs must sometimes fail
 * both.
 */
final class Simulator {

    enum Mode {
        /** Reads see the snapshot taken at begin plus own appends; first committer wins on a written key. */
        SNAPSHOT_ISOLATION,
        /**
         * Reads see the latest committed lists plus own appends; an append locks its key until the
         * end, and lands on the latest list at commit.
         */
        READ_COMMITTED
    }

    /** A planned micro-op: kind 0 read, 1 append, 2 range read of {@code [key, high]}. */
    record OpPlan(int kind, int key, int high) {}

    /**
     * A planned transaction: {@code ending} COMMITTED commits (or aborts on a conflict), ABORTED
     * rolls back, UNKNOWN commits when {@code unknownCommits} (else rolls back) and is recorded as
     * unknown either way.
     */
    record TxnPlan(List<OpPlan> ops, Txn.Outcome ending, boolean unknownCommits) {}

    private record Version(long commitTs, List<String> list) {}

    private final Mode mode;
    private final int keys;
    private final Map<Integer, List<Version>> store = new HashMap<>();
    /** Read committed only: key to the id of the open transaction that appended to it. */
    private final Map<Integer, Integer> locks = new HashMap<>();
    private long clock;

    private Simulator(Mode mode, int keys) {
        this.mode = mode;
        this.keys = keys;
        for (int k = 0; k < keys; k++) {
            store.put(k, new ArrayList<>(List.of(new Version(0, List.of()))));
        }
    }

    /**
     * Runs {@code plans} with at most {@code concurrency} transactions open at once; {@code schedule}
     * (used cyclically) picks which open transaction takes the next step.
     */
    static History run(Mode mode, int keys, List<TxnPlan> plans, int concurrency, List<Integer> schedule, boolean withFinalState) {
        Simulator sim = new Simulator(mode, keys);
        List<Txn> done = new ArrayList<>();
        Deque<Running> waiting = new ArrayDeque<>();
        for (int i = 0; i < plans.size(); i++) {
            waiting.add(new Running(i + 1, plans.get(i)));
        }
        List<Running> open = new ArrayList<>();
        int tick = 0;
        while (!waiting.isEmpty() || !open.isEmpty()) {
            int choice = schedule.isEmpty() ? 0 : schedule.get(tick++ % schedule.size());
            boolean mayStart = !waiting.isEmpty() && open.size() < concurrency;
            Running r = null;
            for (int i = 0; i < open.size() && r == null; i++) {
                Running candidate = open.get((choice + i) % open.size());
                r = sim.canStep(candidate) ? candidate : null;
            }
            // begin another one when the schedule says so, or when everyone open waits for a lock
            if (mayStart && (open.isEmpty() || choice % 2 == 0 || r == null)) {
                Running started = waiting.poll();
                started.startTs = sim.clock;
                open.add(started);
            } else if (r == null) {
                // a deadlock: abort one, as a real database's detector would
                Running victim = open.remove(choice % open.size());
                done.add(sim.abort(victim, "40P01 deadlock"));
            } else if (r.next < r.plan.ops().size()) {
                sim.step(r);
            } else {
                open.remove(r);
                done.add(sim.finish(r));
            }
        }
        Map<Integer, List<String>> finalState = new LinkedHashMap<>();
        if (withFinalState) {
            for (int k = 0; k < keys; k++) {
                finalState.put(k, sim.latest(k).list());
            }
        }
        return new History(done, finalState);
    }

    /** A transaction in flight. */
    private static final class Running {
        final int id;
        final TxnPlan plan;
        final List<MicroOp> ops = new ArrayList<>();
        final Map<Integer, List<String>> own = new LinkedHashMap<>();
        long startTs;
        int next;

        Running(int id, TxnPlan plan) {
            this.id = id;
            this.plan = plan;
        }
    }

    /**
     * Whether {@code r} can take its next step: under read committed an append locks its key until
     * the transaction ends (as PostgreSQL's row lock does), so one append waits for another's end.
     */
    private boolean canStep(Running r) {
        if (mode != Mode.READ_COMMITTED || r.next >= r.plan.ops().size() || r.plan.ops().get(r.next).kind() != 1) {
            return true;
        }
        Integer owner = locks.get(r.plan.ops().get(r.next).key());
        return owner == null || owner == r.id;
    }

    private Txn abort(Running r, String why) {
        locks.values().removeIf(owner -> owner == r.id);
        Txn.Outcome outcome = r.plan.ending() == Txn.Outcome.UNKNOWN ? Txn.Outcome.UNKNOWN : Txn.Outcome.ABORTED;
        return new Txn(r.id, r.id % 4, outcome, r.ops, why, 0, 0);
    }

    private void step(Running r) {
        OpPlan op = r.plan.ops().get(r.next);
        switch (op.kind()) {
            case 0 -> r.ops.add(new MicroOp.Read(op.key(), read(r, op.key())));
            case 1 -> {
                String element = r.id + "_" + r.next;
                if (mode == Mode.READ_COMMITTED) {
                    locks.put(op.key(), r.id);
                }
                r.own.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(element);
                r.ops.add(new MicroOp.Append(op.key(), element));
            }
            default -> {
                Map<Integer, List<String>> seen = new LinkedHashMap<>();
                for (int k = op.key(); k <= op.high(); k++) {
                    seen.put(k, read(r, k));
                }
                r.ops.add(new MicroOp.RangeRead(op.key(), op.high(), seen));
            }
        }
        r.next++;
    }

    private List<String> read(Running r, int key) {
        List<String> list = new ArrayList<>(mode == Mode.READ_COMMITTED ? latest(key).list() : asOf(key, r.startTs).list());
        list.addAll(r.own.getOrDefault(key, List.of()));
        return list;
    }

    private Txn finish(Running r) {
        boolean wantsCommit = r.plan.ending() == Txn.Outcome.COMMITTED
                || (r.plan.ending() == Txn.Outcome.UNKNOWN && r.plan.unknownCommits());
        boolean conflict = mode == Mode.SNAPSHOT_ISOLATION
                && r.own.keySet().stream().anyMatch(k -> latest(k).commitTs() > r.startTs);
        boolean commits = wantsCommit && !conflict;
        locks.values().removeIf(owner -> owner == r.id);
        if (commits) {
            clock++;
            r.own.forEach((k, appended) -> {
                List<String> list = new ArrayList<>(latest(k).list());
                list.addAll(appended);
                store.get(k).add(new Version(clock, List.copyOf(list)));
            });
        }
        Txn.Outcome outcome = r.plan.ending() == Txn.Outcome.UNKNOWN ? Txn.Outcome.UNKNOWN
                : commits ? Txn.Outcome.COMMITTED : Txn.Outcome.ABORTED;
        return new Txn(r.id, r.id % 4, outcome, r.ops, conflict ? "40001 first committer wins" : null, 0, 0);
    }

    private Version latest(int key) {
        return store.get(key).getLast();
    }

    private Version asOf(int key, long ts) {
        List<Version> versions = store.get(key);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).commitTs() <= ts) {
                return versions.get(i);
            }
        }
        throw new IllegalStateException("no version of key " + key + " at " + ts);
    }
}
