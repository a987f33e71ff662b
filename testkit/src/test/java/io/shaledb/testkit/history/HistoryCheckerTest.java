package io.shaledb.testkit.history;

import static io.shaledb.testkit.history.Anomaly.Kind.G0;
import static io.shaledb.testkit.history.Anomaly.Kind.G1A;
import static io.shaledb.testkit.history.Anomaly.Kind.G1B;
import static io.shaledb.testkit.history.Anomaly.Kind.G1C;
import static io.shaledb.testkit.history.Anomaly.Kind.G2_ITEM;
import static io.shaledb.testkit.history.Anomaly.Kind.GARBAGE;
import static io.shaledb.testkit.history.Anomaly.Kind.G_NONADJACENT;
import static io.shaledb.testkit.history.Anomaly.Kind.G_SINGLE;
import static io.shaledb.testkit.history.Anomaly.Kind.INCOMPATIBLE_ORDER;
import static io.shaledb.testkit.history.Anomaly.Kind.INCOMPLETE_RANGE;
import static io.shaledb.testkit.history.Anomaly.Kind.INTERNAL;
import static io.shaledb.testkit.history.Anomaly.Kind.LOST_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hand-built histories, one per anomaly kind, each next to the nearest valid history, so that a
 * checker that misses the anomaly fails one test and a checker that cries wolf fails the other.
 */
class HistoryCheckerTest {

    // ---- helpers -------------------------------------------------------------------------------

    /** Both levels reject the history, and report exactly {@code kinds} (no more, no fewer). */
    private static CheckReport assertForbiddenEverywhere(History h, Anomaly.Kind... kinds) {
        CheckReport ser = HistoryChecker.checkSerializable(h);
        CheckReport si = HistoryChecker.checkSnapshotIsolation(h);
        assertThat(ser.valid()).as("serializable check of\n%s", ser).isFalse();
        assertThat(si.valid()).as("snapshot isolation check of\n%s", si).isFalse();
        assertThat(ser.violationCounts().keySet()).as(ser.toString()).containsExactlyInAnyOrder(kinds);
        assertThat(si.violationCounts().keySet()).as(si.toString()).containsExactlyInAnyOrder(kinds);
        return ser;
    }

    private static void assertValidEverywhere(History h) {
        HistoryChecker.checkSerializable(h).assertValid();
        HistoryChecker.checkSnapshotIsolation(h).assertValid();
    }

    private static Map<Integer, List<String>> lists(Object... keyThenList) {
        java.util.LinkedHashMap<Integer, List<String>> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyThenList.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> l = (List<String>) keyThenList[i + 1];
            m.put((Integer) keyThenList[i], l);
        }
        return m;
    }

    // ---- valid histories -----------------------------------------------------------------------

    @Test
    void aSerialHistoryIsValid() {
        History h = History.builder()
                .committed(t -> t.read(1).append(1, "a").read(1, "a"))
                .committed(t -> t.read(1, "a").append(2, "b").append(1, "c"))
                .aborted(t -> t.append(1, "z").read(1, "a", "c", "z"))
                .committed(t -> t.rangeRead(1, 2, lists(1, List.of("a", "c"), 2, List.of("b"))))
                .finalState(1, "a", "c").finalState(2, "b")
                .build();
        assertValidEverywhere(h);
    }

    @Test
    void theEmptyHistoryIsValid() {
        assertValidEverywhere(History.builder().build());
    }

    @Test
    void anUnknownOutcomeMayHaveCommittedOrNot() {
        History seen = History.builder()
                .unknown(t -> t.append(1, "x"))
                .committed(t -> t.read(1, "x"))
                .build();
        History unseen = History.builder()
                .unknown(t -> t.append(1, "x"))
                .committed(t -> t.read(1))
                .finalState(1)
                .build();
        assertValidEverywhere(seen);
        assertValidEverywhere(unseen);
    }

    @Test
    void readsOfAbortedAndUnknownTransactionsAreNotTrusted() {
        // PostgreSQL's SSI may let a transaction that later aborts see a non-serializable state
        History h = History.builder()
                .committed(t -> t.append(1, "x").append(2, "y"))
                .aborted(t -> t.read(1).read(2, "y").read(2))
                .unknown(t -> t.read(1).read(2, "y"))
                .finalState(1, "x").finalState(2, "y")
                .build();
        assertValidEverywhere(h);
    }

    // ---- G0 ------------------------------------------------------------------------------------

    @Test
    void g0WriteCycle() {
        History h = History.builder()
                .committed(t -> t.append(1, "x1").append(2, "y1"))
                .committed(t -> t.append(1, "x2").append(2, "y2"))
                .finalState(1, "x1", "x2").finalState(2, "y2", "y1")
                .build();
        CheckReport report = assertForbiddenEverywhere(h, G0);
        Anomaly g0 = report.violations().getFirst();
        assertThat(g0.cycle()).extracting(Anomaly.Step::type).containsOnly(DependencyType.WW);
        assertThat(g0.transactions()).extracting(Txn::id).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void consistentWriteOrderIsNoG0() {
        assertValidEverywhere(History.builder()
                .committed(t -> t.append(1, "x1").append(2, "y1"))
                .committed(t -> t.append(1, "x2").append(2, "y2"))
                .finalState(1, "x1", "x2").finalState(2, "y1", "y2")
                .build());
    }

    // ---- G1a, G1b ------------------------------------------------------------------------------

    @Test
    void g1aAbortedRead() {
        History h = History.builder()
                .aborted(t -> t.append(1, "x"))
                .committed(t -> t.read(1, "x"))
                .build();
        CheckReport report = assertForbiddenEverywhere(h, G1A);
        assertThat(report.violations().getFirst().summary()).contains("T1", "T2", "aborted");
    }

    @Test
    void g1aAnAbortedAppendThatStayed() {
        assertForbiddenEverywhere(History.builder()
                .aborted(t -> t.append(1, "x"))
                .committed(t -> t.append(1, "y"))
                .finalState(1, "x", "y")
                .build(), G1A);
    }

    @Test
    void g1bIntermediateRead() {
        History h = History.builder()
                .committed(t -> t.append(1, "x").append(1, "y"))
                .committed(t -> t.read(1, "x"))
                .build();
        assertForbiddenEverywhere(h, G1B);
        // seeing both appends is fine
        assertValidEverywhere(History.builder()
                .committed(t -> t.append(1, "x").append(1, "y"))
                .committed(t -> t.read(1, "x", "y"))
                .build());
    }

    // ---- G1c -----------------------------------------------------------------------------------

    @Test
    void g1cCircularInformationFlow() {
        History h = History.builder()
                .committed(t -> t.append(1, "x").read(2, "y"))
                .committed(t -> t.append(2, "y").read(1, "x"))
                .build();
        CheckReport report = assertForbiddenEverywhere(h, G1C);
        assertThat(report.violations().getFirst().cycle()).extracting(Anomaly.Step::type).containsOnly(DependencyType.WR);
    }

    @Test
    void oneWayInformationFlowIsNoG1c() {
        assertValidEverywhere(History.builder()
                .committed(t -> t.append(1, "x").read(2, "y"))
                .committed(t -> t.append(2, "y").read(1))
                .finalState(1, "x").finalState(2, "y")
                .build());
    }

    // ---- G-single ------------------------------------------------------------------------------

    @Test
    void gSingleReadSkew() {
        History h = History.builder()
                .committed(t -> t.append(1, "x").append(2, "y"))
                .committed(t -> t.read(1).read(2, "y"))
                .finalState(1, "x").finalState(2, "y")
                .build();
        CheckReport report = assertForbiddenEverywhere(h, G_SINGLE);
        Anomaly a = report.violations().getFirst();
        assertThat(a.cycle()).extracting(Anomaly.Step::type).containsExactlyInAnyOrder(DependencyType.RW, DependencyType.WR);
        // readable: the evidence names keys, elements and transactions
        assertThat(report.toString()).contains("G-single", "T2 -rw-> T1", "T1 -wr-> T2", "missed x by T1", "saw y by T1");
    }

    @Test
    void gSingleLostUpdate() {
        // both read the empty list and append; the second ignored the first's append: a lost update
        History h = History.builder()
                .committed(t -> t.read(1).append(1, "a"))
                .committed(t -> t.read(1).append(1, "b"))
                .finalState(1, "a", "b")
                .build();
        assertForbiddenEverywhere(h, G_SINGLE);
    }

    @Test
    void gSingleThroughAnUnknownOutcomeWhoseWriteWasSeen() {
        History h = History.builder()
                .unknown(t -> t.append(1, "x").append(2, "y"))
                .committed(t -> t.read(1).read(2, "y"))
                .finalState(1, "x").finalState(2, "y")
                .build();
        assertForbiddenEverywhere(h, G_SINGLE);
    }

    // ---- G2: write skew and G-nonadjacent ------------------------------------------------------

    @Test
    void writeSkewIsAllowedBySnapshotIsolationOnly() {
        History h = History.builder()
                .committed(t -> t.read(1).read(2).append(1, "x"))
                .committed(t -> t.read(1).read(2).append(2, "y"))
                .finalState(1, "x").finalState(2, "y")
                .build();
        CheckReport ser = HistoryChecker.checkSerializable(h);
        assertThat(ser.violationCounts()).as(ser.toString()).isEqualTo(Map.of(G2_ITEM, 1));
        CheckReport si = HistoryChecker.checkSnapshotIsolation(h);
        assertThat(si.valid()).as(si.toString()).isTrue();
        assertThat(si.tolerated()).extracting(Anomaly::kind).containsExactly(G2_ITEM);
        assertThat(si.toString()).contains("allowed at this level", "G2-item");
    }

    @Test
    void gNonadjacentIsForbiddenBySnapshotIsolation() {
        // T1 -rw-> T2 -wr-> T3 -rw-> T4 -wr-> T1: impossible under SI (T4 < T1 < T2 < T3 < T4 in time)
        History h = History.builder()
                .committed(t -> t.read(1).read(4, "d"))
                .committed(t -> t.append(1, "a").append(2, "b"))
                .committed(t -> t.read(2, "b").read(3))
                .committed(t -> t.append(3, "c").append(4, "d"))
                .finalState(1, "a").finalState(2, "b").finalState(3, "c").finalState(4, "d")
                .build();
        CheckReport report = assertForbiddenEverywhere(h, G_NONADJACENT);
        assertThat(report.violations().getFirst().cycle()).extracting(Anomaly.Step::type)
                .containsExactly(DependencyType.RW, DependencyType.WR, DependencyType.RW, DependencyType.WR);
    }

    @Test
    void gNonadjacentIsFoundEvenWhenEveryRwEdgeAlsoClosesAShorterWriteSkew() {
        // the G-nonadjacent ring T1 -rw-> T2 -wr-> T3 -rw-> T4 -wr-> T1, where each rw edge also closes
        // shorter cycles with two adjacent rw edges: T1 -rw-> T2 -rw-> T5 -wr-> T1 (adjacent inside)
        // and T1 -rw-> T2 -wr-> T7 -rw-> T1 (adjacent where the cycle closes); a search that let two
        // rw edges touch anywhere would find only those
        History h = History.builder()
                .committed(t -> t.read(1).read(4, "d").append(5, "p").read(7, "x").append(11, "r")) // T1
                .committed(t -> t.append(1, "a").append(2, "b").read(5).read(8))                    // T2
                .committed(t -> t.read(2, "b").read(3).append(6, "q").read(9, "y").append(12, "s")) // T3
                .committed(t -> t.append(3, "c").append(4, "d").read(6).read(10))                   // T4
                .committed(t -> t.append(7, "x").append(8, "x8"))                                   // T5
                .committed(t -> t.append(9, "y").append(10, "y10"))                                 // T6
                .committed(t -> t.read(2, "b").read(11))                                            // T7
                .committed(t -> t.read(4, "d").read(12))                                            // T8
                .finalState(1, "a").finalState(2, "b").finalState(3, "c").finalState(4, "d").finalState(5, "p")
                .finalState(6, "q").finalState(7, "x").finalState(8, "x8").finalState(9, "y").finalState(10, "y10")
                .finalState(11, "r").finalState(12, "s")
                .build();
        CheckReport si = HistoryChecker.checkSnapshotIsolation(h);
        assertThat(si.violationCounts().keySet()).as("%s", si).containsExactly(G_NONADJACENT);
        assertThat(si.violations().getFirst().cycle()).extracting(s -> s.from().id()).containsExactlyInAnyOrder(1, 2, 3, 4);
        CheckReport ser = HistoryChecker.checkSerializable(h);
        assertThat(ser.violationCounts().keySet()).as("%s", ser).containsExactlyInAnyOrder(G_NONADJACENT, G2_ITEM);
    }

    @Test
    void snapshotIsolationFindsAForbiddenCycleHiddenInAComponentFullOfWriteSkew() {
        // T1/T2 and T3/T4 are write skews (adjacent rw edges); with T5..T7 they also close
        // T1 -rw-> T2 -wr-> T5 -rw-> T3 -wr-> T7 -wr-> T6 -wr-> T1, whose rw edges are not adjacent
        History h = History.builder()
                .committed(t -> t.read(1).read(2).read(6, "f").append(1, "a"))  // T1
                .committed(t -> t.read(1).read(2).append(2, "b"))               // T2
                .committed(t -> t.read(3).read(4).append(3, "c"))               // T3
                .committed(t -> t.read(3).read(4).append(4, "d"))               // T4
                .committed(t -> t.read(2, "b").read(3))                         // T5
                .committed(t -> t.read(5, "e").append(6, "f"))                  // T6
                .committed(t -> t.read(3, "c").append(5, "e"))                  // T7
                .finalState(1, "a").finalState(2, "b").finalState(3, "c").finalState(4, "d").finalState(5, "e")
                .finalState(6, "f")
                .build();
        CheckReport si = HistoryChecker.checkSnapshotIsolation(h);
        assertThat(si.valid()).as(si.toString()).isFalse();
        assertThat(si.violationCounts().keySet()).as(si.toString()).containsExactly(G_NONADJACENT);
        CheckReport ser = HistoryChecker.checkSerializable(h);
        assertThat(ser.violationCounts().keySet()).as(ser.toString()).contains(G_NONADJACENT, G2_ITEM);
    }

    // ---- non-cycle anomalies -------------------------------------------------------------------

    @Test
    void internalInconsistencyOwnAppendNotSeen() {
        assertForbiddenEverywhere(History.builder()
                .committed(t -> t.append(1, "x").read(1))
                .build(), INTERNAL);
    }

    @Test
    void internalInconsistencyNonRepeatableRead() {
        assertForbiddenEverywhere(History.builder()
                .committed(t -> t.append(1, "a"))
                .committed(t -> t.read(1, "a").append(2, "q").read(1))
                .build(), INTERNAL, G_SINGLE);
    }

    @Test
    void readsThatSeeTheirOwnAppendsAreInternallyConsistent() {
        assertValidEverywhere(History.builder()
                .committed(t -> t.append(1, "a"))
                .committed(t -> t.append(1, "b").read(1, "a", "b").append(1, "c").read(1, "a", "b", "c")
                        .rangeRead(1, 1, lists(1, List.of("a", "b", "c"))))
                .build());
    }

    @Test
    void incompatibleOrders() {
        History h = History.builder()
                .committed(t -> t.append(1, "a"))
                .committed(t -> t.append(1, "b"))
                .committed(t -> t.read(1, "a", "b"))
                .committed(t -> t.read(1, "b", "a"))
                .build();
        CheckReport report = assertForbiddenEverywhere(h, INCOMPATIBLE_ORDER);
        assertThat(report.violations().getFirst().summary()).contains("key 1", "not a prefix");
    }

    @Test
    void lostWriteMissingFromTheFinalState() {
        assertForbiddenEverywhere(History.builder()
                .committed(t -> t.append(1, "a"))
                .committed(t -> t.append(1, "b"))
                .finalState(1, "b")
                .build(), LOST_WRITE);
    }

    @Test
    void lostWriteSeenByAReaderButGoneAtTheEnd() {
        assertForbiddenEverywhere(History.builder()
                .unknown(t -> t.append(1, "a"))
                .committed(t -> t.read(1, "a"))
                .finalState(1)
                .build(), LOST_WRITE);
    }

    @Test
    void incompleteRangeRead() {
        History h = History.builder()
                .committed(t -> t.append(2, "x"))
                .committed(t -> t.rangeRead(1, 3, lists(1, List.of(), 3, List.of())))
                .finalState(1).finalState(2, "x").finalState(3)
                .build();
        assertForbiddenEverywhere(h, INCOMPLETE_RANGE);
    }

    @Test
    void garbageElements() {
        History neverAppended = History.builder().committed(t -> t.read(1, "ghost")).build();
        History duplicated = History.builder()
                .committed(t -> t.append(1, "a"))
                .committed(t -> t.read(1, "a", "a"))
                .build();
        History wrongKey = History.builder()
                .committed(t -> t.append(2, "a"))
                .committed(t -> t.read(1, "a"))
                .build();
        History appendedTwice = History.builder()
                .committed(t -> t.append(1, "a"))
                .committed(t -> t.append(2, "a"))
                .build();
        History finalGhost = History.builder().committed(t -> t.read(1)).finalState(1, "ghost").build();
        for (History h : List.of(neverAppended, duplicated, wrongKey, appendedTwice, finalGhost)) {
            assertThat(HistoryChecker.checkSerializable(h).violationCounts()).containsKey(GARBAGE);
            assertThat(HistoryChecker.checkSnapshotIsolation(h).violationCounts()).containsKey(GARBAGE);
        }
        assertThat(HistoryChecker.checkSerializable(neverAppended).toString()).contains("ghost", "never appended");
    }

    @Test
    void assertValidThrowsWithTheWholeReport() {
        History h = History.builder()
                .committed(t -> t.append(1, "x").append(2, "y"))
                .committed(t -> t.read(1).read(2, "y"))
                .finalState(1, "x").finalState(2, "y")
                .build();
        assertThatThrownBy(() -> HistoryChecker.checkSerializable(h).assertValid())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SERIALIZABLE: VIOLATED")
                .hasMessageContaining("T1 [p0 COMMITTED] a(1,x) a(2,y)")
                .hasMessageContaining("T2 [p0 COMMITTED] r(1)=[] r(2)=[y]");
    }

    // ---- the cycle machinery on its own ----------------------------------------------------------

    @Nested
    class Cycles {
        @Test
        void aWalkThroughOneNodeTwiceIsCutIntoACycleWithoutAdjacentRw() {
            int ww = DependencyType.WW.ordinal();
            int rw = DependencyType.RW.ordinal();
            // 0 -rw-> 1 -ww-> 2 -rw-> 1 -ww-> 0: the piece 1 -ww-> 2 -rw-> 1 joins rw to ww, fine
            assertSimpleWithoutAdjacentRw(CycleFinder.simple(List.of(
                    new int[] {0, 1, rw}, new int[] {1, 2, ww}, new int[] {2, 1, rw}, new int[] {1, 0, ww})), 2);
            // 0 -ww-> 1 -rw-> 2 -ww-> 3 -rw-> 1 -ww-> 0: the piece through 2 and 3 would join rw to rw,
            // so the other piece, 1 -ww-> 0 -ww-> 1, must be kept
            assertSimpleWithoutAdjacentRw(CycleFinder.simple(List.of(new int[] {0, 1, ww}, new int[] {1, 2, rw},
                    new int[] {2, 3, ww}, new int[] {3, 1, rw}, new int[] {1, 0, ww})), 2);
        }

        private static void assertSimpleWithoutAdjacentRw(List<int[]> cycle, int expectedLength) {
            int rw = DependencyType.RW.ordinal();
            assertThat(cycle).hasSize(expectedLength);
            Set<Integer> from = new java.util.HashSet<>();
            cycle.forEach(s -> assertThat(from.add(s[0])).as("node %s twice", s[0]).isTrue());
            for (int i = 0; i < cycle.size(); i++) {
                int[] step = cycle.get(i);
                int[] next = cycle.get((i + 1) % cycle.size());
                assertThat(step[1]).isEqualTo(next[0]);
                assertThat(step[2] == rw && next[2] == rw).as("adjacent rw edges at node %s", step[1]).isFalse();
            }
        }

        @Test
        void longChainsDoNotOverflowTheStack() {
            // a ww chain of 50,000 transactions on one key, closed by one reader into a G-single
            History.Builder b = History.builder();
            String[] order = new String[50_000];
            for (int i = 0; i < order.length; i++) {
                String e = "e" + i;
                order[i] = e;
                b.committed(t -> t.append(1, e));
            }
            b.committed(t -> t.read(1, "e0").read(2, "z"));       // missed e1: rw to its writer
            b.committed(t -> t.read(1, order).append(2, "z"));    // saw the whole chain, wrote what the first saw
            b.finalState(1, order).finalState(2, "z");
            CheckReport report = HistoryChecker.checkSerializable(b.build());
            assertThat(report.violationCounts()).as("%s", report.statistics()).isEqualTo(Map.of(G_SINGLE, 1));
            assertThat(report.violations().getFirst().cycle()).hasSize(order.length + 1);
        }
    }
}
