package io.shaledb.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The checker against histories of an in-memory database ({@link Simulator}): no false alarms on
 * serial and snapshot-isolated executions, and real alarms on read-committed ones.
 */
class HistoryCheckerPropertiesTest {

    private static final int KEYS = 4;

    @Property(tries = 300)
    void serialExecutionsPassBothChecks(@ForAll("plans") List<Simulator.TxnPlan> plans, @ForAll boolean withFinalState) {
        History h = Simulator.run(Simulator.Mode.SNAPSHOT_ISOLATION, KEYS, plans, 1, List.of(), withFinalState);
        HistoryChecker.checkSerializable(h).assertValid();
        HistoryChecker.checkSnapshotIsolation(h).assertValid();
    }

    @Property(tries = 300)
    void snapshotIsolatedExecutionsPassTheSnapshotIsolationCheck(@ForAll("plans") List<Simulator.TxnPlan> plans,
            @ForAll @Size(max = 64) List<@IntRange(min = 0, max = 11) Integer> schedule,
            @ForAll @IntRange(min = 2, max = 4) int concurrency) {
        History h = Simulator.run(Simulator.Mode.SNAPSHOT_ISOLATION, KEYS, plans, concurrency, schedule, true);
        HistoryChecker.checkSnapshotIsolation(h).assertValid();
        CheckReport ser = HistoryChecker.checkSerializable(h);
        // what snapshot isolation adds over serializability is write skew, and only that
        assertThat(ser.violationCounts().keySet()).as("%s", ser).allMatch(Anomaly.Kind::allowedUnderSnapshotIsolation);
        Statistics.label("serializable").collect(ser.valid());
    }

    /** The simulator's snapshot isolation does produce write skew, and the checker sees it. */
    @Test
    void snapshotIsolationSometimesWriteSkews() {
        int writeSkews = 0;
        for (int seed = 0; seed < 200; seed++) {
            History h = randomRun(Simulator.Mode.SNAPSHOT_ISOLATION, seed);
            HistoryChecker.checkSnapshotIsolation(h).assertValid();
            CheckReport ser = HistoryChecker.checkSerializable(h);
            if (ser.has(Anomaly.Kind.G2_ITEM)) {
                writeSkews++;
            }
        }
        assertThat(writeSkews).as("SI runs (of 200) that the serializable check rejected for write skew").isPositive();
    }

    /** Read committed allows read skew and lost updates, which both checks must find. */
    @Test
    void readCommittedRunsAreCaught() {
        int caught = 0;
        int gSingle = 0;
        for (int seed = 0; seed < 200; seed++) {
            History h = randomRun(Simulator.Mode.READ_COMMITTED, seed);
            CheckReport si = HistoryChecker.checkSnapshotIsolation(h);
            if (!si.valid()) {
                caught++;
                assertThat(HistoryChecker.checkSerializable(h).valid()).as("serializable check of %s", si).isFalse();
            }
            gSingle += si.has(Anomaly.Kind.G_SINGLE) ? 1 : 0;
        }
        assertThat(caught).as("read-committed runs (of 200) rejected by the SI check").isGreaterThan(20);
        assertThat(gSingle).as("read-committed runs (of 200) with a G-single").isPositive();
    }

    private static History randomRun(Simulator.Mode mode, long seed) {
        Random rnd = new Random(seed);
        List<Simulator.TxnPlan> plans = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            List<Simulator.OpPlan> ops = new ArrayList<>();
            for (int o = 1 + rnd.nextInt(5); o > 0; o--) {
                int key = rnd.nextInt(KEYS);
                ops.add(new Simulator.OpPlan(rnd.nextInt(3), key, key + rnd.nextInt(KEYS - key)));
            }
            plans.add(new Simulator.TxnPlan(ops, Txn.Outcome.COMMITTED, true));
        }
        List<Integer> schedule = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            schedule.add(rnd.nextInt(12));
        }
        return Simulator.run(mode, KEYS, plans, 3, schedule, true);
    }

    @Provide
    Arbitrary<List<Simulator.TxnPlan>> plans() {
        Arbitrary<Simulator.OpPlan> op = Combinators.combine(
                        Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(4, Arbitraries.just(0)),
                                net.jqwik.api.Tuple.of(4, Arbitraries.just(1)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.just(2))),
                        Arbitraries.integers().between(0, KEYS - 1),
                        Arbitraries.integers().between(0, KEYS - 1))
                .as((kind, key, span) -> new Simulator.OpPlan(kind, key, Math.min(KEYS - 1, key + span)));
        Arbitrary<Txn.Outcome> ending = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Txn.Outcome.COMMITTED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Txn.Outcome.ABORTED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Txn.Outcome.UNKNOWN)));
        Arbitrary<Simulator.TxnPlan> txn = Combinators.combine(op.list().ofMinSize(1).ofMaxSize(5), ending, Arbitraries.of(true, false))
                .as(Simulator.TxnPlan::new);
        return txn.list().ofMaxSize(25);
    }
}
