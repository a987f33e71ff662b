package io.shaledb.sql.exec.op;

import io.shaledb.sql.exec.spill.ExternalMerge;
import io.shaledb.sql.exec.spill.RowSizes;
import io.shaledb.sql.exec.spill.SpillFile;
import io.shaledb.sql.exec.spill.WorkMem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads all input rows at open and returns them in {@code order}, stable (ties keep input order),
 * within a {@code work_mem} budget. Three methods, named as PostgreSQL's EXPLAIN ANALYZE names them:
 *
 * <pre>
 *   quicksort       everything fit in work_mem: one in-memory sort
 *   top-N heapsort  a bound n (ORDER BY ... LIMIT), more than 2n rows (or n and work_mem full):
 *                   a heap keeps the n first
 *   external merge  work_mem filled up: sorted runs go to temporary files, then a k-way merge
 *                   (at most {@link ExternalMerge#fanIn} runs at a time; more take extra passes)
 * </pre>
 *
 * The bound, when given, is evaluated at open (it is {@code OFFSET + LIMIT} of the {@link Limit}
 * above). {@link #method()}, {@link #spaceType()} and {@link #spaceUsedKb()} report what the last
 * open did, for EXPLAIN ANALYZE's "Sort Method: quicksort  Memory: 25kB".
 */
public final class Sort implements Operator, SortReport {
    private static final Logger log = LoggerFactory.getLogger(Sort.class);

    /** How the last open sorted. */
    public enum Method {
        QUICKSORT("quicksort"), TOP_N_HEAPSORT("top-N heapsort"), EXTERNAL_MERGE("external merge");

        private final String pgName;

        Method(String pgName) {
            this.pgName = pgName;
        }

        /** The name in EXPLAIN ANALYZE's "Sort Method:" line. */
        public String pgName() {
            return pgName;
        }
    }

    private final Operator input;
    private final Comparator<Object[]> order;
    private final WorkMem workMem;
    private final LongSupplier bound;
    private final Runnable tick;

    private List<Object[]> rows;
    private int next;
    private ExternalMerge merge;
    /** Runs written by the open under way, until the merge takes them over. */
    private final List<SpillFile> runs = new ArrayList<>();
    private Method method;
    private long spaceBytes;
    private long peakMemoryBytes;

    /** An unbounded sort with the budget of the statement being planned. */
    public Sort(Operator input, Comparator<Object[]> order) {
        this(input, order, WorkMem.current(), null, () -> { });
    }

    /** A sort without cancellation checks of its own (its input's suffice for in-memory use). */
    public Sort(Operator input, Comparator<Object[]> order, WorkMem workMem, LongSupplier bound) {
        this(input, order, workMem, bound, () -> { });
    }

    /**
     * @param bound null, or how many leading rows will be read (OFFSET + LIMIT), evaluated at open;
     *              a negative value means all
     * @param tick  cancellation check, run once per row written to or merged from temporary files
     */
    public Sort(Operator input, Comparator<Object[]> order, WorkMem workMem, LongSupplier bound, Runnable tick) {
        this.input = input;
        this.order = order;
        this.workMem = workMem;
        this.bound = bound;
        this.tick = tick;
    }

    @Override
    public void open() {
        release();
        long n = bound == null ? -1 : bound.getAsLong();
        peakMemoryBytes = 0;
        input.open();
        try {
            read(n >= 0 && n < Integer.MAX_VALUE / 4 ? (int) n : -1);
        } catch (RuntimeException e) {
            release();
            throw e;
        } finally {
            input.close();
        }
        next = 0;
    }

    /** Reads the input; {@code n >= 0} is the bound. */
    private void read(int n) {
        List<Object[]> buffer = new ArrayList<>();
        long used = 0;
        long runBytes = 0;
        for (Object[] r = input.next(); r != null; r = input.next()) {
            buffer.add(r);
            used += RowSizes.row(r) + RowSizes.ENTRY_OVERHEAD;
            peakMemoryBytes = Math.max(peakMemoryBytes, used);
            // PostgreSQL's switch point: more than twice the bound, or more than the bound and memory full
            if (n >= 0 && runs.isEmpty() && buffer.size() > n && (buffer.size() > 2 * n || used > workMem.bytes())) {
                if (topN(buffer, n)) {
                    return;
                }
                used = buffer.stream().mapToLong(x -> RowSizes.row(x) + RowSizes.ENTRY_OVERHEAD).sum();
            }
            if (used > workMem.bytes() && buffer.size() > 1) {
                runBytes += writeRun(buffer);
                buffer.clear();
                used = 0;
            }
        }
        if (runs.isEmpty()) {
            buffer.sort(order);
            rows = buffer;
            method = Method.QUICKSORT;
            spaceBytes = peakMemoryBytes;
            return;
        }
        if (!buffer.isEmpty()) {
            runBytes += writeRun(buffer);
            buffer.clear();
        }
        method = Method.EXTERNAL_MERGE;
        spaceBytes = runBytes;
        log.info("sort spilled to disk: {} runs, {} kB (work_mem {} kB)", runs.size(), kb(runBytes), workMem.bytes() / 1024);
        merge = new ExternalMerge(workMem, order, runs);
        runs.clear();
    }

    /**
     * Continues with a bounded heap of the {@code n} first rows (buffer holds more than n). Returns
     * false, leaving the buffer with only the rows that can still matter, when n rows do not fit
     * in work_mem: the caller goes on as an ordinary (external) sort.
     */
    private boolean topN(List<Object[]> buffer, int n) {
        buffer.sort(order);
        List<Object[]> firstN = new ArrayList<>(buffer.subList(0, n));
        buffer.clear();
        // The heap's top is the last of the n kept rows; a later row must sort strictly before it to get in.
        record Entry(Object[] row, long seq) {}
        Comparator<Entry> byOrderThenSeq = (a, b) -> {
            int c = order.compare(a.row(), b.row());
            return c != 0 ? c : Long.compare(a.seq(), b.seq());
        };
        PriorityQueue<Entry> heap = new PriorityQueue<>(Math.max(1, n), byOrderThenSeq.reversed());
        long used = 0;
        long seq = 0;
        for (Object[] r : firstN) {
            heap.add(new Entry(r, seq++));
            used += RowSizes.row(r) + RowSizes.ENTRY_OVERHEAD;
        }
        peakMemoryBytes = used;
        if (used > workMem.bytes()) {
            buffer.addAll(firstN);
            return false;
        }
        for (Object[] r = input.next(); r != null; r = input.next()) {
            if (n == 0 || order.compare(r, heap.peek().row()) >= 0) {
                continue;
            }
            Entry out = heap.poll();
            used += RowSizes.row(r) - RowSizes.row(out.row());
            heap.add(new Entry(r, seq++));
            peakMemoryBytes = Math.max(peakMemoryBytes, used);
        }
        List<Entry> sorted = new ArrayList<>(heap);
        sorted.sort(byOrderThenSeq);
        rows = new ArrayList<>(sorted.size());
        for (Entry e : sorted) {
            rows.add(e.row());
        }
        method = Method.TOP_N_HEAPSORT;
        spaceBytes = peakMemoryBytes;
        return true;
    }

    /**
     * Sorts the buffer and writes it as one run; returns the run's size in bytes. (With a bound,
     * runs are never longer than it: a bound that fits in work_mem takes the heap instead.)
     */
    private long writeRun(List<Object[]> buffer) {
        buffer.sort(order);
        SpillFile run = workMem.files().create("sort run");
        runs.add(run);
        for (Object[] r : buffer) {
            tick.run();
            run.write(r);
        }
        run.finish();
        return run.bytes();
    }

    @Override
    public Object[] next() {
        if (merge != null) {
            tick.run();
            return merge.next();
        }
        return rows != null && next < rows.size() ? rows.get(next++) : null;
    }

    @Override
    public void close() {
        release();
    }

    private void release() {
        rows = null;
        runs.forEach(SpillFile::close);
        runs.clear();
        if (merge != null) {
            merge.close();
            merge = null;
        }
    }

    /** How the last open sorted, or null before the first. */
    public Method method() {
        return method;
    }

    /** The method's name for EXPLAIN ANALYZE ({@link SortReport}), or null before the first open. */
    @Override
    public String sortMethod() {
        return method == null ? null : method.pgName();
    }

    /** "Memory" or "Disk", as EXPLAIN ANALYZE labels the space of {@link #method()}. */
    public String spaceType() {
        return method == Method.EXTERNAL_MERGE ? "Disk" : "Memory";
    }

    /** The memory (peak, estimated) or disk space (the runs) the last open used, in kB rounded up. */
    public long spaceUsedKb() {
        return kb(spaceBytes);
    }

    /** The most row memory (estimated bytes) the last open held at once. */
    public long peakMemoryBytes() {
        return peakMemoryBytes;
    }

    /** EXPLAIN ANALYZE's line: {@code Sort Method: external merge  Disk: 1234kB}; null before the first open. */
    public String explainLine() {
        return method == null ? null : "Sort Method: " + method.pgName() + "  " + spaceType() + ": " + spaceUsedKb() + "kB";
    }

    private static long kb(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
