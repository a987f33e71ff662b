package io.shaledb.sql.exec;

import io.shaledb.sql.exec.op.Operator;
import io.shaledb.sql.exec.spill.Partitions;
import io.shaledb.sql.exec.spill.RowSizes;
import io.shaledb.sql.exec.spill.SpillFile;
import io.shaledb.sql.exec.spill.WorkMem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hash aggregation: reads its input at open and returns one group row per distinct key,
 * {@code [keys..., aggregate results...]} ({@link Grouping}'s layout), in first-seen order.
 * Without GROUP BY there is exactly one group, even for no input rows. Each aggregate applies
 * its FILTER, DISTINCT and ORDER BY ({@link Aggregates.Spec#feed}). A {@link WindowOperator}
 * may sit above this one (over group rows, after HAVING) and below the projection.
 *
 * <p>Public only for EXPLAIN, which reads {@link #batches()} and the memory and disk figures.
 *
 * <p><b>Spilling.</b> The hash table may hold {@code work_mem × hash_mem_multiplier} (estimated:
 * keys, accumulators, and what collecting aggregates such as {@code string_agg}, {@code
 * array_agg}, DISTINCT and ORDER BY buffer). Once full, rows of groups already in the table still
 * feed them, and rows of new groups go, as they are, to {@link Partitions} by key hash. When the
 * input ends the table's groups come out, then each partition is aggregated the same way, one at a
 * time (splitting again if it overflows too). Spilling input rows rather than aggregate states
 * works for every aggregate, including those whose state could not be written out.
 *
 * <pre>
 *   input ──&gt; [table: groups seen before it filled] ──&gt; group rows
 *         └─&gt; rows of new groups ──&gt; P0 .. P7 ──&gt; each aggregated alone ──&gt; group rows
 * </pre>
 */
public final class AggregateOperator implements Operator {
    private static final Logger log = LoggerFactory.getLogger(AggregateOperator.class);
    /** What one accumulator is assumed to take besides what it collects. */
    private static final long ACCUMULATOR_BYTES = 64;

    private final Operator input;
    private final List<Bound> keys;
    private final List<Aggregates.Spec> specs;
    private final WorkMem workMem;
    private final boolean[] collecting;

    private Iterator<Object[]> groups;
    private Deque<SpilledPartition> pending;
    private int batches;
    private long peakMemoryBytes;
    private long diskBytes;

    private record SpilledPartition(SpillFile rows, int depth) {}

    AggregateOperator(Operator input, List<Bound> keys, List<Aggregates.Spec> specs) {
        this(input, keys, specs, WorkMem.current());
    }

    AggregateOperator(Operator input, List<Bound> keys, List<Aggregates.Spec> specs, WorkMem workMem) {
        this.input = input;
        this.keys = keys;
        this.specs = specs;
        this.workMem = workMem;
        this.collecting = new boolean[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            Aggregates.Spec s = specs.get(i);
            collecting[i] = s.distinct() || !s.orderBy().isEmpty() || switch (s.name()) {
                case "array_agg", "string_agg", "jsonb_agg", "jsonb_object_agg" -> true;
                default -> false;
            };
        }
    }

    @Override
    public void open() {
        release();
        pending = new ArrayDeque<>();
        batches = 1;
        peakMemoryBytes = 0;
        diskBytes = 0;
        input.open();
        try {
            groups = aggregate(input::next, 0, true).iterator();
        } catch (RuntimeException e) {
            release();
            throw e;
        } finally {
            input.close();
        }
    }

    /** Aggregates the rows of {@code source}; rows that do not fit go to new pending partitions at {@code depth + 1}. */
    private List<Object[]> aggregate(Supplier<Object[]> source, int depth, boolean top) {
        Map<RowKey, Aggregates.Accumulator[]> accs = new LinkedHashMap<>();
        Map<RowKey, Object[]> keyValues = new LinkedHashMap<>();
        long used = 0;
        Partitions spill = null;
        try {
            for (Object[] row = source.get(); row != null; row = source.get()) {
                Object[] k = new Object[keys.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = keys.get(i).eval(row);
                }
                RowKey rk = RowKey.of(k);
                Aggregates.Accumulator[] a = accs.get(rk);
                if (a == null) {
                    if (spill != null) {
                        spill.write(Partitions.of(rk.hashCode(), depth), row);
                        continue;
                    }
                    a = newAccumulators();
                    accs.put(rk, a);
                    keyValues.put(rk, k);
                    used += 2 * RowSizes.row(k) + 2 * RowSizes.ENTRY_OVERHEAD + ACCUMULATOR_BYTES * specs.size();
                }
                for (int i = 0; i < specs.size(); i++) {
                    Object[] added = specs.get(i).feed(a[i], row);
                    if (collecting[i] && added != null) {
                        // what the accumulator keeps: the values, and for ORDER BY inside the call the whole row
                        used += RowSizes.row(added) + RowSizes.ENTRY_OVERHEAD
                                + (specs.get(i).orderBy().isEmpty() ? 0 : RowSizes.row(row));
                    }
                }
                peakMemoryBytes = Math.max(peakMemoryBytes, used);
                if (used > workMem.hashBytes() && spill == null && !keys.isEmpty() && depth < Partitions.MAX_DEPTH) {
                    spill = new Partitions(workMem.files(), "hash aggregate partition");
                }
            }
            if (spill != null) {
                diskBytes += spill.finish();
                List<SpillFile> parts = spill.takeAll();
                for (SpillFile f : parts.reversed()) {
                    pending.addFirst(new SpilledPartition(f, depth + 1));
                }
                batches += parts.size();
                log.info("hash aggregate spilled to disk at depth {}: {} partitions, {} kB (hash memory limit {} kB)", depth,
                        parts.size(), (diskBytes + 1023) / 1024, workMem.hashBytes() / 1024);
            }
        } finally {
            if (spill != null) {
                spill.close();
            }
        }
        if (top && accs.isEmpty() && keys.isEmpty()) {
            RowKey none = RowKey.of(new Object[0]);
            accs.put(none, newAccumulators());
            keyValues.put(none, new Object[0]);
        }
        List<Object[]> out = new ArrayList<>(accs.size());
        for (Map.Entry<RowKey, Aggregates.Accumulator[]> g : accs.entrySet()) {
            Object[] k = keyValues.get(g.getKey());
            Object[] row = new Object[k.length + specs.size()];
            System.arraycopy(k, 0, row, 0, k.length);
            for (int i = 0; i < specs.size(); i++) {
                row[k.length + i] = g.getValue()[i].result();
            }
            out.add(row);
        }
        return out;
    }

    private Aggregates.Accumulator[] newAccumulators() {
        Aggregates.Accumulator[] a = new Aggregates.Accumulator[specs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = specs.get(i).newAccumulator();
        }
        return a;
    }

    @Override
    public Object[] next() {
        while (groups != null) {
            if (groups.hasNext()) {
                return groups.next();
            }
            SpilledPartition p = pending.poll();
            if (p == null) {
                groups = null;
                break;
            }
            try {
                SpillFile.Reader in = p.rows().reader();
                groups = aggregate(in::next, p.depth(), false).iterator();
            } finally {
                p.rows().close();
            }
        }
        return null;
    }

    @Override
    public void close() {
        release();
    }

    private void release() {
        groups = null;
        if (pending != null) {
            for (SpilledPartition p : pending) {
                p.rows().close();
            }
            pending.clear();
        }
    }

    /** 1 plus the partitions written by the last open (EXPLAIN's "Batches: N"). */
    public int batches() {
        return batches;
    }

    /** The most memory (estimated bytes) the hash table held. */
    public long peakMemoryBytes() {
        return peakMemoryBytes;
    }

    /** Bytes written to partitions by the last open. */
    public long diskBytes() {
        return diskBytes;
    }
}
