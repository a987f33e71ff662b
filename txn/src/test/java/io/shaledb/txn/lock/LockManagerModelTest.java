package io.shaledb.txn.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random single-threaded operation sequences (requests that never wait, savepoints, releases) by a
 * few owners on a few rows, checked after every step against a plain model: a request is granted
 * when no other owner holds a conflicting mode, an owner holds the strongest mode it was granted,
 * and a savepoint rollback undoes later grants.
 */
class LockManagerModelTest {
    private static final int OWNERS = 3;
    private static final int ROWS = 3;

    sealed interface Op permits Acquire, Mark, RollbackToMark, ReleaseAll {}

    record Acquire(int owner, int row, LockMode mode, WaitPolicy policy) implements Op {}

    record Mark(int owner) implements Op {}

    record RollbackToMark(int owner) implements Op {}

    record ReleaseAll(int owner) implements Op {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> owner = Arbitraries.integers().between(0, OWNERS - 1);
        Arbitrary<Op> acquire = Combinators.combine(owner, Arbitraries.integers().between(0, ROWS - 1),
                        Arbitraries.of(LockMode.class), Arbitraries.of(WaitPolicy.NOWAIT, WaitPolicy.SKIP_LOCKED))
                .as(Acquire::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, acquire),
                net.jqwik.api.Tuple.of(2, owner.map(Mark::new)),
                net.jqwik.api.Tuple.of(2, owner.map(RollbackToMark::new)),
                net.jqwik.api.Tuple.of(1, owner.map(ReleaseAll::new)));
        return op.list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void nonWaitingOperationsMatchTheModel(@ForAll("operations") List<Op> ops) {
        LockManager manager = new LockManager(t -> "row " + t.key()[0]);
        Model model = new Model();
        for (Op op : ops) {
            switch (op) {
                case Acquire(int o, int r, LockMode mode, WaitPolicy policy) -> {
                    LockOwner owner = owner(o);
                    LockTarget target = target(r);
                    if (model.grantable(o, r, mode)) {
                        assertThat(manager.acquire(owner, target, mode, policy, 0, null)).as("%s", op).isTrue();
                        model.grant(o, r, mode);
                    } else if (policy == WaitPolicy.SKIP_LOCKED) {
                        assertThat(manager.acquire(owner, target, mode, policy, 0, null)).as("%s", op).isFalse();
                    } else {
                        assertThatThrownBy(() -> manager.acquire(owner, target, mode, policy, 0, null))
                                .as("%s", op)
                                .isInstanceOfSatisfying(LockException.class,
                                        e -> assertThat(e.reason()).isEqualTo(LockException.Reason.NOT_AVAILABLE));
                    }
                }
                case Mark(int o) -> model.marks.get(o).push(manager.mark(owner(o)));
                case RollbackToMark(int o) -> {
                    Long mark = model.marks.get(o).poll();
                    if (mark != null) {
                        manager.releaseSince(owner(o), mark);
                        model.rollback(o, mark);
                    }
                }
                case ReleaseAll(int o) -> {
                    manager.releaseAll(owner(o));
                    model.releaseAll(o);
                }
            }
            assertThat(rows(manager.locks())).as("after %s", op).isEqualTo(model.rows());
            assertThat(manager.lockedTargetCount()).as("entries after %s", op).isEqualTo(model.lockedRows());
        }
    }

    private static LockOwner owner(int o) {
        return new LockOwner(1000 + o, 10 + o);
    }

    private static LockTarget target(int r) {
        return new LockTarget(1, new byte[] {(byte) r});
    }

    private static Set<String> rows(List<LockInfo> infos) {
        Set<String> out = new HashSet<>();
        for (LockInfo i : infos) {
            assertThat(i.granted()).isTrue();
            out.add((i.owner().pid() - 10) + "/" + i.target().key()[0] + "/" + i.mode());
        }
        return out;
    }

    /** Plain model: per owner the mode held per row and the history of grants. */
    private static final class Model {
        final List<Map<Integer, LockMode>> held = new ArrayList<>();
        final List<List<int[]>> history = new ArrayList<>(); // {row, previous ordinal or -1}
        final List<Deque<Long>> marks = new ArrayList<>();

        Model() {
            for (int o = 0; o < OWNERS; o++) {
                held.add(new HashMap<>());
                history.add(new ArrayList<>());
                marks.add(new ArrayDeque<>());
            }
        }

        boolean grantable(int owner, int row, LockMode mode) {
            for (int o = 0; o < OWNERS; o++) {
                LockMode other = held.get(o).get(row);
                if (o != owner && other != null && other.conflictsWith(mode)) {
                    return false;
                }
            }
            return true;
        }

        void grant(int owner, int row, LockMode mode) {
            LockMode previous = held.get(owner).get(row);
            if (previous != null && previous.covers(mode)) {
                return;
            }
            held.get(owner).put(row, mode);
            history.get(owner).add(new int[] {row, previous == null ? -1 : previous.ordinal()});
        }

        void rollback(int owner, long mark) {
            List<int[]> h = history.get(owner);
            while (h.size() > mark) {
                int[] g = h.removeLast();
                if (g[1] < 0) {
                    held.get(owner).remove(g[0]);
                } else {
                    held.get(owner).put(g[0], LockMode.values()[g[1]]);
                }
            }
        }

        void releaseAll(int owner) {
            held.get(owner).clear();
            history.get(owner).clear();
            marks.get(owner).clear();
        }

        Set<String> rows() {
            Set<String> out = new HashSet<>();
            for (int o = 0; o < OWNERS; o++) {
                for (var e : held.get(o).entrySet()) {
                    out.add(o + "/" + e.getKey() + "/" + e.getValue());
                }
            }
            return out;
        }

        int lockedRows() {
            Set<Integer> rows = new HashSet<>();
            held.forEach(m -> rows.addAll(m.keySet()));
            return rows.size();
        }
    }
}
