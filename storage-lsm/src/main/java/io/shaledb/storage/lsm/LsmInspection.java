package io.shaledb.storage.lsm;

import java.util.List;

/**
 * A snapshot of an {@link LsmEngine}'s structure, for tools, tests and the B-Tree comparison.
 *
 * @param levels one entry per level, L0 first
 * @param memtableBytes bytes charged to the active memtable
 * @param immutableMemtables frozen memtables waiting for their flush
 * @param lastSequence the newest sequence number visible to readers
 * @param bloomFalsePositiveRate observed bloom false-positive rate (see {@link LsmStats#bloomFalsePositiveRate()})
 */
public record LsmInspection(List<Level> levels, long memtableBytes, int immutableMemtables, long lastSequence,
        double bloomFalsePositiveRate) {

    /**
     * One level.
     *
     * @param level 0 for L0
     * @param targetBytes the size at which it is compacted further (for L0: 0, it is compacted by file count)
     */
    public record Level(int level, long targetBytes, List<File> files) {
        public long bytes() {
            return files.stream().mapToLong(File::bytes).sum();
        }

        public long entries() {
            return files.stream().mapToLong(File::entries).sum();
        }

        public long tombstones() {
            return files.stream().mapToLong(File::tombstones).sum();
        }
    }

    /**
     * One SSTable.
     *
     * @param smallestKey hex of the smallest user key
     * @param largestKey hex of the largest user key
     */
    public record File(long number, String name, long bytes, long entries, long tombstones, String smallestKey,
            String largestKey, long minSequence, long maxSequence) {}

    public int fileCount() {
        return levels.stream().mapToInt(l -> l.files().size()).sum();
    }

    /** A multi-line human-readable rendering. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Level l : levels) {
            sb.append("L").append(l.level()).append(": ").append(l.files().size()).append(" files, ").append(l.bytes())
                    .append(" B, ").append(l.entries()).append(" entries, ").append(l.tombstones()).append(" tombstones");
            if (l.targetBytes() > 0) {
                sb.append(", target ").append(l.targetBytes()).append(" B");
            }
            sb.append('\n');
        }
        sb.append("memtable: ").append(memtableBytes).append(" B, immutable: ").append(immutableMemtables)
                .append(", last sequence ").append(lastSequence).append(", bloom FP rate ")
                .append(String.format("%.4f", bloomFalsePositiveRate)).append('\n');
        return sb.toString();
    }
}
