package io.shaledb.storage.lsm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One immutable state of the level structure. L0 files may overlap and are ordered newest first;
 * the files of every other level are sorted by key and do not overlap (no user key spans two files
 * of a level). Readers {@link #ref()} the version they read so that its files outlive them.
 *
 * <pre>
 *   L0: [f9 a..z] [f8 c..q] [f7 b..k]          newest first, overlapping
 *   L1: [f4 a..f] [f5 g..m] [f6 n..z]          sorted, disjoint
 *   L2: [f1 a..d] [f2 e..p] [f3 q..z]
 * </pre>
 */
final class Version {
    final List<List<FileMeta>> levels;
    private final AtomicInteger refs = new AtomicInteger(1);
    private final Consumer<FileMeta> onObsolete;

    Version(List<List<FileMeta>> levels, Consumer<FileMeta> onObsolete) {
        this.levels = levels;
        this.onObsolete = onObsolete;
        for (List<FileMeta> level : levels) {
            for (FileMeta f : level) {
                f.refs.incrementAndGet();
            }
        }
    }

    static Version empty(int maxLevels, Consumer<FileMeta> onObsolete) {
        List<List<FileMeta>> levels = new ArrayList<>();
        for (int i = 0; i < maxLevels; i++) {
            levels.add(List.of());
        }
        return new Version(List.copyOf(levels), onObsolete);
    }

    void ref() {
        if (refs.getAndIncrement() <= 0) {
            throw new IllegalStateException("version already released");
        }
    }

    void unref() {
        int left = refs.decrementAndGet();
        if (left == 0) {
            for (List<FileMeta> level : levels) {
                for (FileMeta f : level) {
                    if (f.refs.decrementAndGet() == 0) {
                        onObsolete.accept(f);
                    }
                }
            }
        } else if (left < 0) {
            throw new IllegalStateException("version released twice");
        }
    }

    /** A new version: this one with {@code edit}'s deletions and additions applied. */
    Version apply(VersionEdit edit) {
        List<List<FileMeta>> out = new ArrayList<>();
        for (int level = 0; level < levels.size(); level++) {
            List<FileMeta> files = new ArrayList<>(levels.get(level));
            int l = level;
            files.removeIf(f -> edit.deleted.stream().anyMatch(d -> d.level() == l && d.number() == f.number));
            for (VersionEdit.NewFile nf : edit.added) {
                if (nf.level() == level) {
                    files.add(nf.file());
                }
            }
            if (level == 0) {
                files.sort(Comparator.comparingLong((FileMeta f) -> f.maxSeq).reversed()
                        .thenComparing(Comparator.comparingLong((FileMeta f) -> f.number).reversed()));
            } else {
                files.sort((a, b) -> Arrays.compareUnsigned(a.smallestUser, b.smallestUser));
                for (int i = 1; i < files.size(); i++) {
                    if (Arrays.compareUnsigned(files.get(i - 1).largestUser, files.get(i).smallestUser) >= 0) {
                        throw new IllegalStateException("level " + level + " would overlap: " + files.get(i - 1)
                                + " and " + files.get(i));
                    }
                }
            }
            out.add(List.copyOf(files));
        }
        return new Version(List.copyOf(out), onObsolete);
    }

    long levelBytes(int level) {
        long s = 0;
        for (FileMeta f : levels.get(level)) {
            s += f.fileSize;
        }
        return s;
    }

    /** Files of {@code level} whose user-key range intersects {@code [lo, hi]}. */
    List<FileMeta> overlapping(int level, byte[] loUser, byte[] hiUser) {
        List<FileMeta> out = new ArrayList<>();
        for (FileMeta f : levels.get(level)) {
            if (f.overlaps(loUser, hiUser)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The file of sorted level {@code level} (1 and up) that may contain {@code user}, or null. */
    FileMeta fileFor(int level, byte[] user) {
        List<FileMeta> files = levels.get(level);
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(files.get(mid).largestUser, user) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo < files.size() && Arrays.compareUnsigned(files.get(lo).smallestUser, user) <= 0) {
            return files.get(lo);
        }
        return null;
    }

    List<FileMeta> allFiles() {
        List<FileMeta> out = new ArrayList<>();
        levels.forEach(out::addAll);
        return out;
    }
}
