package io.shaledb.sql.exec.spill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The merge phase of an external sort: sorted runs in temporary files come out as one sorted
 * stream. At most {@link #fanIn} runs are read at once (each reader holds a buffer); with more,
 * consecutive groups are first merged into longer runs, pass after pass:
 *
 * <pre>
 *   runs  r0 r1 r2 r3 r4 r5 r6 r7 r8      fan-in 3
 *   pass  [r0 r1 r2] [r3 r4 r5] [r6 r7 r8]  -&gt;  m0 m1 m2
 *   final merge of m0 m1 m2, row by row in next()
 * </pre>
 *
 * The merge is stable: runs hold consecutive stretches of the input in order, groups are
 * consecutive, and among equal rows the one from the earlier run comes first. The merge owns the
 * runs it is given and deletes every file, intermediate ones included, by {@link #close()}.
 */
public final class ExternalMerge implements AutoCloseable {
    /** The fewest runs merged at once, whatever work_mem says. */
    public static final int MIN_FAN_IN = 6;
    private static final long BYTES_PER_INPUT = 32 * 1024;

    private final WorkMem workMem;
    private final Comparator<Object[]> order;
    private final List<SpillFile> runs;
    private final PriorityQueue<Head> heads;
    private final List<SpillFile.Reader> readers = new ArrayList<>();
    private int passes;

    private record Head(Object[] row, int run) {}

    public ExternalMerge(WorkMem workMem, Comparator<Object[]> order, List<SpillFile> sortedRuns) {
        this.workMem = workMem;
        this.order = order;
        this.runs = new ArrayList<>(sortedRuns);
        Comparator<Head> byRow = (a, b) -> {
            int c = order.compare(a.row(), b.row());
            return c != 0 ? c : Integer.compare(a.run(), b.run());
        };
        try {
            int fanIn = fanIn(workMem);
            while (runs.size() > fanIn) {
                mergePass(fanIn);
            }
            heads = new PriorityQueue<>(Math.max(1, runs.size()), byRow);
            for (int i = 0; i < runs.size(); i++) {
                SpillFile.Reader r = runs.get(i).reader();
                readers.add(r);
                Object[] first = r.next();
                if (first != null) {
                    heads.add(new Head(first, i));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** How many runs one merge reads at once: work_mem / 32kB, at least {@link #MIN_FAN_IN}. */
    public static int fanIn(WorkMem workMem) {
        return (int) Math.max(MIN_FAN_IN, Math.min(1024, workMem.bytes() / BYTES_PER_INPUT));
    }

    /** Merges groups of {@code fanIn} consecutive runs into one run each. */
    private void mergePass(int fanIn) {
        List<SpillFile> merged = new ArrayList<>();
        try {
            mergeGroups(fanIn, merged);
        } catch (RuntimeException e) {
            merged.forEach(SpillFile::close);
            throw e;
        }
        runs.clear();
        runs.addAll(merged);
        passes++;
    }

    private void mergeGroups(int fanIn, List<SpillFile> merged) {
        for (int from = 0; from < runs.size(); from += fanIn) {
            List<SpillFile> group = runs.subList(from, Math.min(runs.size(), from + fanIn));
            if (group.size() == 1) {
                merged.add(group.getFirst());
                continue;
            }
            SpillFile out = workMem.files().create("sort merge run");
            merged.add(out);
            try (ExternalMerge m = new ExternalMerge(workMem, order, group)) {
                for (Object[] r = m.next(); r != null; r = m.next()) {
                    out.write(r);
                }
            }
            out.finish();
        }
    }

    /** The next row in order, or null at the end. */
    public Object[] next() {
        Head h = heads.poll();
        if (h == null) {
            return null;
        }
        Object[] following = readers.get(h.run()).next();
        if (following != null) {
            heads.add(new Head(following, h.run()));
        }
        return h.row();
    }

    /** Merge passes made before the final merge. */
    public int passes() {
        return passes;
    }

    /** Deletes every run. Idempotent. */
    @Override
    public void close() {
        for (SpillFile f : runs) {
            f.close();
        }
        runs.clear();
        readers.clear();
        if (heads != null) {
            heads.clear();
        }
    }
}
