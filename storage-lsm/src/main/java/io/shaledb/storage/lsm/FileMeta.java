package io.shaledb.storage.lsm;

import io.shaledb.storage.lsm.sst.InternalKeys;
import io.shaledb.storage.lsm.sst.TableReader;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SSTable as the level structure knows it. {@link #refs} counts the {@link Version}s that list
 * the file; when it drops to zero the file is obsolete and is deleted.
 */
final class FileMeta {
    final long number;
    final long fileSize;
    final byte[] smallest;
    final byte[] largest;
    final byte[] smallestUser;
    final byte[] largestUser;
    final long entries;
    final long tombstones;
    final long minSeq;
    final long maxSeq;
    final AtomicInteger refs = new AtomicInteger();
    volatile TableReader reader;

    FileMeta(long number, long fileSize, byte[] smallest, byte[] largest, long entries, long tombstones, long minSeq,
            long maxSeq) {
        this.number = number;
        this.fileSize = fileSize;
        this.smallest = smallest;
        this.largest = largest;
        this.smallestUser = InternalKeys.userKey(smallest);
        this.largestUser = InternalKeys.userKey(largest);
        this.entries = entries;
        this.tombstones = tombstones;
        this.minSeq = minSeq;
        this.maxSeq = maxSeq;
    }

    /** Whether the file's user-key range intersects {@code [lo, hi]} (null: unbounded). */
    boolean overlaps(byte[] loUser, byte[] hiUser) {
        return (hiUser == null || java.util.Arrays.compareUnsigned(smallestUser, hiUser) <= 0)
                && (loUser == null || java.util.Arrays.compareUnsigned(largestUser, loUser) >= 0);
    }

    boolean containsUser(byte[] user) {
        return overlaps(user, user);
    }

    static String fileName(long number) {
        return String.format("%06d.sst", number);
    }

    @Override
    public String toString() {
        return fileName(number) + "[" + InternalKeys.describe(smallest) + " .. " + InternalKeys.describe(largest) + ", "
                + fileSize + " B]";
    }
}
