package io.shaledb.sql.exec.op;

import io.shaledb.sql.exec.spill.Partitions;
import io.shaledb.sql.exec.spill.RowSizes;
import io.shaledb.sql.exec.spill.SpillFile;
import io.shaledb.sql.exec.spill.WorkMem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes the first row of each distinct key, the key being columns {@code [from, to)}: DISTINCT
 * (the output columns, hashed) and DISTINCT ON (its expressions, over input sorted by them: only
 * the previous key is remembered).
 *
 * <p>The hashed form streams: a row with a new key comes out at once. When the set of keys seen
 * outgrows {@code work_mem × hash_mem_multiplier}, rows with keys not in it go to
 * {@link Partitions} instead, and once the input ends each partition is de-duplicated the same way;
 * a key is either in the set (its rows dropped) or never was (all its rows in one partition).
 */
public final class Distinct implements Operator {
    private static final Logger log = LoggerFactory.getLogger(Distinct.class);

    private final Operator input;
    private final int from;
    private final int to;
    private final boolean sorted;
    private final WorkMem workMem;

    private Set<HashKey> seen;
    private HashKey previous;
    private long used;
    private Supplier<Object[]> source;
    private int depth;
    private Partitions spill;
    private SpillFile reading;
    private Deque<SpillFile> pending;
    private Deque<Integer> pendingDepths;
    private int batches;
    private long diskBytes;

    /** DISTINCT over unsorted input, hashed. */
    public Distinct(Operator input, int from, int to) {
        this(input, from, to, false, WorkMem.current());
    }

    /** @param sorted the input is ordered so that equal keys are adjacent (DISTINCT ON) */
    public Distinct(Operator input, int from, int to, boolean sorted, WorkMem workMem) {
        this.input = input;
        this.from = from;
        this.to = to;
        this.sorted = sorted;
        this.workMem = workMem;
    }

    @Override
    public void open() {
        release();
        seen = new HashSet<>();
        previous = null;
        used = 0;
        depth = 0;
        batches = 1;
        diskBytes = 0;
        pending = new ArrayDeque<>();
        pendingDepths = new ArrayDeque<>();
        input.open();
        source = input::next;
    }

    @Override
    public Object[] next() {
        if (source == null) {
            return null;
        }
        while (true) {
            Object[] row = source.get();
            if (row == null) {
                if (!nextPartition()) {
                    return null;
                }
                continue;
            }
            HashKey k = HashKey.of(row, from, to);
            if (sorted) {
                if (k.equals(previous)) {
                    continue;
                }
                previous = k;
                return row;
            }
            if (seen.contains(k)) {
                continue;
            }
            if (spill != null) {
                spill.write(Partitions.of(k.hashCode(), depth), row);
                continue;
            }
            seen.add(k);
            used += RowSizes.row(k.values()) + RowSizes.ENTRY_OVERHEAD;
            if (used > workMem.hashBytes() && depth < Partitions.MAX_DEPTH) {
                spill = new Partitions(workMem.files(), "distinct partition");
            }
            return row;
        }
    }

    /** The current source ended: queue what it spilled and switch to the next partition; false at the very end. */
    private boolean nextPartition() {
        if (spill != null) {
            diskBytes += spill.finish();
            var parts = spill.takeAll();
            for (SpillFile f : parts.reversed()) {
                pending.addFirst(f);
                pendingDepths.addFirst(depth + 1);
            }
            batches += parts.size();
            spill.close();
            spill = null;
            log.info("distinct spilled to disk at depth {}: {} partitions, {} kB", depth, parts.size(), (diskBytes + 1023) / 1024);
        }
        if (reading != null) {
            reading.close();
            reading = null;
        }
        SpillFile f = pending.poll();
        if (f == null) {
            source = null;
            return false;
        }
        depth = pendingDepths.poll();
        reading = f;
        seen = new HashSet<>();
        used = 0;
        source = f.reader()::next;
        return true;
    }

    @Override
    public void close() {
        release();
        input.close();
    }

    private void release() {
        seen = null;
        source = null;
        if (spill != null) {
            spill.close();
            spill = null;
        }
        if (reading != null) {
            reading.close();
            reading = null;
        }
        if (pending != null) {
            pending.forEach(SpillFile::close);
            pending.clear();
        }
    }

    /** 1 plus the partitions the last open spilled. */
    public int batches() {
        return batches;
    }

    /** Bytes written to partitions by the last open. */
    public long diskBytes() {
        return diskBytes;
    }
}
