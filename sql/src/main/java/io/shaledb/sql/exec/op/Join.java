package io.shaledb.sql.exec.op;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.exec.spill.Partitions;
import io.shaledb.sql.exec.spill.RowSizes;
import io.shaledb.sql.exec.spill.SpillFile;
import io.shaledb.sql.exec.spill.WorkMem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins two inputs whose rows share one full-width layout (each side fills only its own slots).
 * The right side is read once per {@link #open()} into memory; with equi-join keys it is hashed
 * (a hash join), without keys every right row is a candidate (a nested loop). {@code residual}
 * (may be null) is the rest of the join condition. Outer joins:
 *
 * <pre>
 *   INNER  left x right matching
 *   LEFT   + each unmatched left row, right slots NULL
 *   RIGHT  + each unmatched right row, left slots NULL   (tracked in a bit set over the right rows)
 *   FULL   both
 * </pre>
 *
 * A NULL key never matches, as {@code NULL = x} is not true.
 *
 * <p><b>Semi and anti joins.</b> SEMI and ANTI emit left rows only (in the left layout, right
 * slots untouched): SEMI stops probing a left row at its first match, ANTI emits it when nothing
 * matched — so duplicates on the right never duplicate a left row. A left row with a NULL key
 * has no match: ANTI emits it (and, spilling, keeps it in batch 0 as LEFT does).
 *
 * <p><b>Batches.</b> A hash join whose right side outgrows {@code work_mem × hash_mem_multiplier}
 * becomes a Grace hash join: both sides are split by key hash into {@link Partitions} (temporary
 * files), and each pair of batches is joined in memory, one after the other, by the same code as
 * the in-memory join; a right batch still too big is split again. Equal keys share a batch, so
 * matches, unmatched rows and the RIGHT/FULL bit set are all per batch. Rows with a NULL key
 * match nothing: the outer side's go to batch 0 (to come out unmatched), the others are dropped.
 *
 * <pre>
 *   right ──&gt; R0 R1 .. R7        left ──&gt; L0 L1 .. L7        join (R0,L0), (R1,L1), ...
 * </pre>
 *
 * A nested loop (no keys) keeps its right side in memory whatever its size.
 */
public final class Join implements Operator, HashReport {
    private static final Logger log = LoggerFactory.getLogger(Join.class);

    /**
     * INNER/LEFT/RIGHT/FULL as SQL's joins; SEMI returns each left row that has at least one match,
     * once and unchanged (EXISTS, IN), ANTI each left row that has none (NOT EXISTS).
     */
    public enum Kind { INNER, LEFT, RIGHT, FULL, SEMI, ANTI }

    /** Where the probe rows of the batch being joined come from: the left input or a batch file. */
    private interface RowSource {
        Object[] next();
    }

    /** A pair of batch files still to join; {@code right} or {@code left} null when empty. */
    private record Batch(SpillFile right, SpillFile left, int depth) {
        void close() {
            if (right != null) {
                right.close();
            }
            if (left != null) {
                left.close();
            }
        }
    }

    private final Kind kind;
    private final Operator left;
    private final Operator right;
    private final Bound[] leftKeys;
    private final Bound[] rightKeys;
    private final Bound residual;
    private final int[] rightSlots;
    private final Runnable tick;
    private final WorkMem workMem;

    private List<Object[]> rightRows;
    private Map<HashKey, List<Integer>> table;
    private BitSet matched;
    private RowSource probe;
    private Object[] current;
    private List<Integer> candidates;
    private int candidate;
    private boolean currentMatched;
    private boolean leftDone;
    private int unmatchedNext;

    private Deque<Batch> pending;
    private Batch joining;
    private int batches;
    private long peakMemoryBytes;
    /** Rows of the largest right side hashed (EXPLAIN's bucket count). */
    private long peakRows;
    private long diskBytes;

    /**
     * @param rightSlots the slots the right side fills, copied into each joined row
     * @param tick       called once per left row (cancellation checks)
     */
    public Join(Kind kind, Operator left, Operator right, List<Bound> leftKeys, List<Bound> rightKeys, Bound residual,
                int[] rightSlots, Runnable tick) {
        this(kind, left, right, leftKeys, rightKeys, residual, rightSlots, tick, WorkMem.current());
    }

    public Join(Kind kind, Operator left, Operator right, List<Bound> leftKeys, List<Bound> rightKeys, Bound residual,
                int[] rightSlots, Runnable tick, WorkMem workMem) {
        this.kind = kind;
        this.left = left;
        this.right = right;
        this.leftKeys = leftKeys.toArray(Bound[]::new);
        this.rightKeys = rightKeys.toArray(Bound[]::new);
        this.residual = residual;
        this.rightSlots = rightSlots;
        this.tick = tick;
        this.workMem = workMem;
    }

    @Override
    public void open() {
        release();
        batches = 1;
        peakMemoryBytes = 0;
        diskBytes = 0;
        List<Object[]> rows = new ArrayList<>();
        long used = 0;
        boolean spilled = false;
        right.open();
        try {
            for (Object[] r = right.next(); r != null; r = right.next()) {
                rows.add(r);
                used += RowSizes.row(r) + RowSizes.ENTRY_OVERHEAD;
                peakMemoryBytes = Math.max(peakMemoryBytes, used);
                if (leftKeys.length > 0 && used > workMem.hashBytes()) {
                    spilled = true;
                    partitionInputs(rows);
                    break;
                }
            }
        } catch (RuntimeException e) {
            release();
            throw e;
        } finally {
            right.close();
        }
        if (!spilled) {
            build(rows);
            left.open();
            probe = left::next;
        }
    }

    /** The right side outgrew the budget: right rows (those read and the rest), then all left rows, go to batch files. */
    private void partitionInputs(List<Object[]> readSoFar) {
        try (Partitions r = new Partitions(workMem.files(), "hash join inner batch");
             Partitions l = new Partitions(workMem.files(), "hash join outer batch")) {
            for (Object[] row : readSoFar) {
                spill(r, row, rightKeys, 0, kind == Kind.RIGHT || kind == Kind.FULL);
            }
            readSoFar.clear();
            for (Object[] row = right.next(); row != null; row = right.next()) {
                tick.run();
                spill(r, row, rightKeys, 0, kind == Kind.RIGHT || kind == Kind.FULL);
            }
            left.open();
            try {
                for (Object[] row = left.next(); row != null; row = left.next()) {
                    tick.run();
                    spill(l, row, leftKeys, 0, kind == Kind.LEFT || kind == Kind.FULL || kind == Kind.ANTI);
                }
            } finally {
                left.close();
            }
            diskBytes += r.finish() + l.finish();
            pending = new ArrayDeque<>();
            for (int i = 0; i < Partitions.FAN_OUT; i++) {
                SpillFile rf = r.take(i);
                SpillFile lf = l.take(i);
                if (rf != null || lf != null) {
                    pending.add(new Batch(rf, lf, 0));
                }
            }
        }
        batches = Partitions.FAN_OUT;
        log.info("hash join spilled to disk: {} batches, {} kB (hash memory limit {} kB)", pending.size(),
                (diskBytes + 1023) / 1024, workMem.hashBytes() / 1024);
        probe = () -> null;
        rightRows = List.of();
        leftDone = true;
    }

    /** Writes a row to its key's partition; a NULL key goes to partition 0 when the row must come out unmatched. */
    private static void spill(Partitions p, Object[] row, Bound[] keys, int depth, boolean keepNullKeys) {
        HashKey k = key(keys, row);
        if (k == null) {
            if (keepNullKeys) {
                p.write(0, row);
            }
            return;
        }
        p.write(Partitions.of(k.hashCode(), depth), row);
    }

    /** Makes {@code rows} the right side being joined: hashed by key, with a bit set for RIGHT/FULL. */
    private void build(List<Object[]> rows) {
        rightRows = rows;
        peakRows = Math.max(peakRows, rows.size());
        table = null;
        if (leftKeys.length > 0) {
            table = new HashMap<>();
            for (int i = 0; i < rightRows.size(); i++) {
                HashKey k = key(rightKeys, rightRows.get(i));
                if (k != null) {
                    table.computeIfAbsent(k, x -> new ArrayList<>(2)).add(i);
                }
            }
        }
        matched = kind == Kind.RIGHT || kind == Kind.FULL ? new BitSet(rightRows.size()) : null;
        current = null;
        leftDone = false;
        unmatchedNext = 0;
    }

    /** Starts joining the next pending batch, splitting it first when its right side is still too big. */
    private void startBatch(Batch b) {
        joining = b;
        List<Object[]> rows = new ArrayList<>();
        long used = 0;
        boolean tooBig = false;
        if (b.right() != null) {
            SpillFile.Reader in = b.right().reader();
            try {
                for (Object[] r = in.next(); r != null; r = in.next()) {
                    rows.add(r);
                    used += RowSizes.row(r) + RowSizes.ENTRY_OVERHEAD;
                    if (used > workMem.hashBytes() && b.depth() + 1 < Partitions.MAX_DEPTH) {
                        tooBig = true;
                        break;
                    }
                }
            } finally {
                in.close();
            }
            peakMemoryBytes = Math.max(peakMemoryBytes, used);
        }
        if (tooBig && split(b)) {
            joining = null;
            b.close();
            build(List.of());
            leftDone = true;
            probe = () -> null;
            return;
        }
        if (tooBig) {
            rows = readAll(b.right());
        }
        build(rows);
        SpillFile.Reader leftIn = b.left() == null ? null : b.left().reader();
        probe = leftIn == null ? () -> null : leftIn::next;
    }

    private static List<Object[]> readAll(SpillFile f) {
        List<Object[]> rows = new ArrayList<>();
        SpillFile.Reader in = f.reader();
        for (Object[] r = in.next(); r != null; r = in.next()) {
            rows.add(r);
        }
        return rows;
    }

    /**
     * Splits a batch into sub-batches at the next depth, queued before the other pending batches.
     * False (nothing changed) when all its right rows share one sub-batch: the keys are equal or
     * collide, and splitting again would not help.
     */
    private boolean split(Batch b) {
        int depth = b.depth() + 1;
        try (Partitions r = new Partitions(workMem.files(), "hash join inner batch");
             Partitions l = new Partitions(workMem.files(), "hash join outer batch")) {
            SpillFile.Reader in = b.right().reader();
            for (Object[] row = in.next(); row != null; row = in.next()) {
                tick.run();
                spill(r, row, rightKeys, depth, true);
            }
            if (r.used() <= 1) {
                return false;
            }
            if (b.left() != null) {
                SpillFile.Reader lin = b.left().reader();
                for (Object[] row = lin.next(); row != null; row = lin.next()) {
                    tick.run();
                    spill(l, row, leftKeys, depth, true);
                }
            }
            diskBytes += r.finish() + l.finish();
            for (int i = Partitions.FAN_OUT - 1; i >= 0; i--) {
                SpillFile rf = r.take(i);
                SpillFile lf = l.take(i);
                if (rf != null || lf != null) {
                    pending.addFirst(new Batch(rf, lf, depth));
                }
            }
        }
        batches += Partitions.FAN_OUT - 1;
        log.debug("hash join batch split again at depth {}", depth);
        return true;
    }

    private static HashKey key(Bound[] keys, Object[] row) {
        Object[] v = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Object x = keys[i].eval(row);
            if (x == null) {
                return null;
            }
            v[i] = HashKey.normalize(x);
        }
        return new HashKey(v);
    }

    @Override
    public Object[] next() {
        while (true) {
            Object[] row = nextInBatch();
            if (row != null) {
                return row;
            }
            if (joining != null) {
                joining.close();
                joining = null;
            }
            if (pending == null || pending.isEmpty()) {
                return null;
            }
            startBatch(pending.poll());
        }
    }

    /** The next joined row of the batch being joined (the whole join when it fits in memory). */
    private Object[] nextInBatch() {
        while (!leftDone) {
            if (current == null) {
                current = probe.next();
                if (current == null) {
                    leftDone = true;
                    break;
                }
                tick.run();
                currentMatched = false;
                candidate = 0;
                if (table != null) {
                    HashKey k = key(leftKeys, current);
                    candidates = k == null ? List.of() : table.getOrDefault(k, List.of());
                } else {
                    candidates = null;
                }
            }
            int n = candidates != null ? candidates.size() : rightRows.size();
            boolean semiOrAnti = kind == Kind.SEMI || kind == Kind.ANTI;
            while (candidate < n) {
                int idx = candidates != null ? candidates.get(candidate) : candidate;
                candidate++;
                if (semiOrAnti && residual == null) {
                    currentMatched = true;
                    break;
                }
                Object[] joined = current.clone();
                Object[] r = rightRows.get(idx);
                for (int s : rightSlots) {
                    joined[s] = r[s];
                }
                if (residual == null || Boolean.TRUE.equals(residual.eval(joined))) {
                    currentMatched = true;
                    if (semiOrAnti) {
                        break;
                    }
                    if (matched != null) {
                        matched.set(idx);
                    }
                    return joined;
                }
            }
            Object[] done = current;
            current = null;
            if (currentMatched ? kind == Kind.SEMI
                    : kind == Kind.LEFT || kind == Kind.FULL || kind == Kind.ANTI) {
                return done;
            }
        }
        if (matched != null) {
            while (unmatchedNext < rightRows.size()) {
                int i = unmatchedNext++;
                if (!matched.get(i)) {
                    return rightRows.get(i).clone();
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        left.close();
        release();
    }

    private void release() {
        rightRows = null;
        table = null;
        probe = null;
        if (joining != null) {
            joining.close();
            joining = null;
        }
        if (pending != null) {
            for (Batch b : pending) {
                b.close();
            }
            pending = null;
        }
    }

    /** The join kind. */
    public Kind kind() {
        return kind;
    }

    /**
     * PostgreSQL's EXPLAIN name of this join: {@code Hash Join}, {@code Hash Left Join},
     * {@code Hash Semi Join}, {@code Hash Anti Join}, {@code Nested Loop}, {@code Nested Loop Semi Join}, ...
     */
    public String nodeName() {
        String type = switch (kind) {
            case INNER -> "";
            case LEFT -> " Left";
            case RIGHT -> " Right";
            case FULL -> " Full";
            case SEMI -> " Semi";
            case ANTI -> " Anti";
        };
        if (leftKeys.length > 0) {
            return "Hash" + type + " Join";
        }
        return type.isEmpty() ? "Nested Loop" : "Nested Loop" + type + " Join";
    }

    /** Batches the last open used: 1 when the right side fit in memory (EXPLAIN's "Batches: N"). */
    public int batches() {
        return batches;
    }

    /** PostgreSQL's bucket count for the largest right side hashed: a power of two, at least 1024. */
    @Override
    public long hashBuckets() {
        long b = 1024;
        while (b < peakRows) {
            b <<= 1;
        }
        return b;
    }

    @Override
    public long hashBatches() {
        return batches;
    }

    @Override
    public long hashMemoryKb() {
        return (peakMemoryBytes + 1023) / 1024;
    }

    /** The most right-side memory (estimated bytes) one batch held. */
    public long peakMemoryBytes() {
        return peakMemoryBytes;
    }

    /** Bytes written to batch files by the last open; 0 when nothing spilled. */
    public long diskBytes() {
        return diskBytes;
    }
}
