package io.shaledb.sql.exec.op;

import io.shaledb.sql.exec.spill.Partitions;
import io.shaledb.sql.exec.spill.RowSizes;
import io.shaledb.sql.exec.spill.SpillFile;
import io.shaledb.sql.exec.spill.WorkMem;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UNION / INTERSECT / EXCEPT [ALL] of two inputs of the same width, NULLs equal to each other.
 * With ALL, a row that occurs m times on the left and n times on the right occurs m + n times
 * (UNION), min(m, n) (INTERSECT) or max(m - n, 0) (EXCEPT); without ALL at most once. UNION ALL
 * streams; the others read both sides at open. Rows come out in first-seen order.
 *
 * <p>The counting table may hold {@code work_mem × hash_mem_multiplier}. Beyond that, records of
 * rows not yet in it go to {@link Partitions} by hash, each record being the row followed by its
 * two counts {@code [m, n]} (an input row is {@code [row, 1, 0]} or {@code [row, 0, 1]}); the
 * partitions are counted one by one after the table's rows are out, splitting again if needed.
 */
public final class SetOperation implements Operator {
    private static final Logger log = LoggerFactory.getLogger(SetOperation.class);

    public enum Kind { UNION, INTERSECT, EXCEPT }

    private final Kind kind;
    private final boolean all;
    private final Operator left;
    private final Operator right;
    private final WorkMem workMem;
    private boolean onRight;

    private Iterator<Map.Entry<HashKey, Object[]>> entries;
    private Object[] emitting;
    private long times;
    private Deque<SpillFile> pending;
    private Deque<Integer> pendingDepths;
    private int batches;
    private long diskBytes;

    public SetOperation(Kind kind, boolean all, Operator left, Operator right) {
        this(kind, all, left, right, WorkMem.current());
    }

    public SetOperation(Kind kind, boolean all, Operator left, Operator right, WorkMem workMem) {
        this.kind = kind;
        this.all = all;
        this.left = left;
        this.right = right;
        this.workMem = workMem;
    }

    @Override
    public void open() {
        release();
        if (kind == Kind.UNION && all) {
            onRight = false;
            left.open();
            return;
        }
        pending = new ArrayDeque<>();
        pendingDepths = new ArrayDeque<>();
        batches = 1;
        diskBytes = 0;
        Counting table = new Counting(0);
        try {
            table.addSide(left, 0);
            table.addSide(right, 1);
            entries = table.finish();
        } catch (RuntimeException e) {
            table.abandon();
            release();
            throw e;
        }
        times = 0;
    }

    /** One counting table (a whole operation, or one partition of it): row by key, with counts [m, n] after it. */
    private final class Counting {
        private final int depth;
        private final Map<HashKey, Object[]> records = new LinkedHashMap<>();
        private long used;
        private Partitions spill;

        Counting(int depth) {
            this.depth = depth;
        }

        void addSide(Operator in, int side) {
            in.open();
            try {
                for (Object[] r = in.next(); r != null; r = in.next()) {
                    Object[] rec = Arrays.copyOf(r, r.length + 2);
                    rec[r.length] = side == 0 ? 1L : 0L;
                    rec[r.length + 1] = side == 1 ? 1L : 0L;
                    add(rec);
                }
            } finally {
                in.close();
            }
        }

        void addAll(Supplier<Object[]> source) {
            for (Object[] rec = source.get(); rec != null; rec = source.get()) {
                add(rec);
            }
        }

        private void add(Object[] rec) {
            int w = rec.length - 2;
            HashKey k = HashKey.of(rec, 0, w);
            Object[] mine = records.get(k);
            if (mine == null) {
                if (spill != null) {
                    spill.write(Partitions.of(k.hashCode(), depth), rec);
                    return;
                }
                records.put(k, rec);
                used += 2 * RowSizes.row(rec) + RowSizes.ENTRY_OVERHEAD;
                if (used > workMem.hashBytes() && depth < Partitions.MAX_DEPTH) {
                    spill = new Partitions(workMem.files(), "set operation partition");
                }
                return;
            }
            mine[w] = (Long) mine[w] + (Long) rec[w];
            mine[w + 1] = (Long) mine[w + 1] + (Long) rec[w + 1];
        }

        /** Queues the partitions it spilled (before the others) and returns the table's records. */
        Iterator<Map.Entry<HashKey, Object[]>> finish() {
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
                log.info("set operation spilled to disk at depth {}: {} partitions, {} kB", depth, parts.size(),
                        (diskBytes + 1023) / 1024);
            }
            return records.entrySet().iterator();
        }

        void abandon() {
            if (spill != null) {
                spill.close();
            }
        }
    }

    @Override
    public Object[] next() {
        if (entries == null) {
            if (kind != Kind.UNION || !all) {
                return null;
            }
            Object[] r = onRight ? right.next() : left.next();
            if (r == null && !onRight) {
                left.close();
                onRight = true;
                right.open();
                r = right.next();
            }
            return r;
        }
        while (true) {
            if (times > 0) {
                times--;
                return Arrays.copyOf(emitting, emitting.length - 2);
            }
            if (entries.hasNext()) {
                emitting = entries.next().getValue();
                long m = (Long) emitting[emitting.length - 2];
                long n = (Long) emitting[emitting.length - 1];
                times = switch (kind) {
                    case UNION -> 1;
                    case INTERSECT -> all ? Math.min(m, n) : (m > 0 && n > 0 ? 1 : 0);
                    case EXCEPT -> all ? Math.max(m - n, 0) : (m > 0 && n == 0 ? 1 : 0);
                };
                continue;
            }
            SpillFile f = pending.poll();
            if (f == null) {
                entries = null;
                return null;
            }
            Counting part = new Counting(pendingDepths.poll());
            try {
                part.addAll(f.reader()::next);
                entries = part.finish();
            } catch (RuntimeException e) {
                part.abandon();
                throw e;
            } finally {
                f.close();
            }
        }
    }

    @Override
    public void close() {
        left.close();
        right.close();
        release();
    }

    private void release() {
        entries = null;
        emitting = null;
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
