package io.shaledb.wal;

import static io.shaledb.wal.WalFormat.SEGMENT_HEADER_SIZE;

import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a log directory: create it, or find where the existing log really ends.
 *
 * <p>The recovery rule. Segments other than the last must be intact: a valid header, and a size
 * that ends exactly where the next segment begins (with {@link WalOptions#verifyAllSegmentsOnOpen()}
 * every record is checked too). Anything else there is {@link CorruptWalException}, because those
 * segments were synced in full before their successor existed. In the last segment, records are
 * read until the first invalid one (incomplete header, zeros, LSN field not matching the position,
 * impossible length, bad checksum); that is the torn tail of a crash, and the file is truncated to
 * it and synced so new records follow the last valid one. A last segment whose header is torn and
 * which holds no valid record was being created when the power went; it is deleted.
 */
final class WalRecovery {

    private static final Logger log = LoggerFactory.getLogger(WalRecovery.class);

    @FunctionalInterface
    interface Factory {
        Wal create(int logId, List<Wal.SegmentRef> segments, FileHandle lastHandle, long endLsn) throws IOException;
    }

    private WalRecovery() {}

    static Wal open(FileSystem fs, Path dir, WalOptions options, Factory factory) throws IOException {
        ensureDirectory(fs, dir);
        List<Wal.SegmentRef> segments = listSegments(fs, dir);
        if (segments.isEmpty()) {
            return createLog(fs, dir, 0, factory);
        }

        // 1. The last segment: drop it if it is a torn creation, otherwise find the end of its records.
        FileHandle lastHandle = null;
        WalFormat.SegmentHeader lastHeader = null;
        while (lastHandle == null) {
            if (segments.isEmpty()) {
                // Only a torn first segment existed: start afresh at the same base.
                return createLog(fs, dir, lastHeader == null ? 0 : lastHeader.baseLsn(), factory);
            }
            Wal.SegmentRef last = segments.getLast();
            FileHandle h = fs.open(last.path(), OpenMode.READ_WRITE);
            Object decoded = readHeader(h);
            if (decoded instanceof WalFormat.SegmentHeader header) {
                if (header.baseLsn() != last.baseLsn()) {
                    h.close();
                    throw new CorruptWalException(last.path(), 16, "segment header base LSN " + header.baseLsn()
                            + " does not match the file name");
                }
                lastHandle = h;
                lastHeader = header;
            } else {
                long size = h.size();
                SegmentScanner probe = new SegmentScanner(h, last.baseLsn(), SEGMENT_HEADER_SIZE, size,
                        options.maxRecordSize());
                long valid = size > SEGMENT_HEADER_SIZE ? probe.findValidRecordAfter(SEGMENT_HEADER_SIZE - 1) : -1;
                h.close();
                if (valid >= 0) {
                    throw new CorruptWalException(last.path(), 0, decoded + ", yet a valid record follows at offset "
                            + valid);
                }
                log.warn("WAL {}: removing segment {} whose header is incomplete ({}); it was being created when "
                        + "the log last stopped", dir, last.path().getFileName(), decoded);
                fs.delete(last.path());
                fs.syncDirectory(dir);
                segments.removeLast();
                lastHeader = new WalFormat.SegmentHeader(last.baseLsn(), 0);
            }
        }
        int logId = lastHeader.logId();
        Wal.SegmentRef last = segments.getLast();
        try {
            // 2. Older segments must be whole.
            for (int i = 0; i < segments.size() - 1; i++) {
                checkCompleteSegment(fs, segments.get(i), segments.get(i + 1).baseLsn(), logId, options);
            }
            // 3. Scan the last segment to its end and cut off a torn tail.
            long end = scanLastSegment(dir, last, lastHandle, options);
            lastHandle.sync();
            log.info("WAL {}: opened {} segment(s), log ends at LSN {}", dir, segments.size(), end);
            return factory.create(logId, segments, lastHandle, end);
        } catch (IOException | RuntimeException e) {
            Wal.closeQuietly(lastHandle);
            throw e;
        }
    }

    private static Wal createLog(FileSystem fs, Path dir, long base, Factory factory) throws IOException {
        int logId = new SecureRandom().nextInt();
        Wal.SegmentRef ref = new Wal.SegmentRef(base, dir.resolve(WalFormat.segmentName(base)));
        FileHandle handle = Wal.createSegment(fs, ref, logId);
        log.info("WAL {}: created a new log (id {}) at LSN {}", dir, Integer.toHexString(logId), base);
        try {
            return factory.create(logId, new ArrayList<>(List.of(ref)), handle, base + SEGMENT_HEADER_SIZE);
        } catch (IOException | RuntimeException e) {
            Wal.closeQuietly(handle);
            throw e;
        }
    }

    private static void ensureDirectory(FileSystem fs, Path dir) throws IOException {
        if (fs.isDirectory(dir)) {
            return;
        }
        if (fs.exists(dir)) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !fs.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        fs.createDirectories(dir);
        for (Path p : missing.reversed()) {
            if (p.getParent() != null) {
                fs.syncDirectory(p.getParent());
            }
        }
    }

    static List<Wal.SegmentRef> listSegments(FileSystem fs, Path dir) throws IOException {
        List<Wal.SegmentRef> out = new ArrayList<>();
        for (Path p : fs.list(dir)) {
            long base = WalFormat.parseSegmentName(p.getFileName().toString());
            if (base >= 0) {
                out.add(new Wal.SegmentRef(base, p));
            }
        }
        out.sort(Comparator.comparingLong(Wal.SegmentRef::baseLsn));
        return out;
    }

    /** The decoded header, or a String describing what is wrong with it. */
    private static Object readHeader(FileHandle h) throws IOException {
        long size = h.size();
        if (size < SEGMENT_HEADER_SIZE) {
            return "segment header is incomplete (" + size + " bytes)";
        }
        byte[] header = new byte[SEGMENT_HEADER_SIZE];
        h.readFully(ByteBuffer.wrap(header), 0);
        return WalFormat.decodeSegmentHeader(header);
    }

    private static void checkCompleteSegment(FileSystem fs, Wal.SegmentRef ref, long nextBase, int logId,
            WalOptions options) throws IOException {
        try (FileHandle h = fs.open(ref.path(), OpenMode.READ)) {
            Object decoded = readHeader(h);
            if (decoded instanceof String problem) {
                throw new CorruptWalException(ref.path(), 0, problem);
            }
            WalFormat.SegmentHeader header = (WalFormat.SegmentHeader) decoded;
            if (header.baseLsn() != ref.baseLsn()) {
                throw new CorruptWalException(ref.path(), 16, "segment header base LSN does not match the file name");
            }
            if (header.logId() != logId) {
                throw new CorruptWalException(ref.path(), 24, "segment belongs to another log (id "
                        + Integer.toHexString(header.logId()) + ", expected " + Integer.toHexString(logId) + ")");
            }
            long expected = nextBase - ref.baseLsn();
            long size = h.size();
            if (options.verifyAllSegmentsOnOpen()) {
                SegmentScanner scanner = new SegmentScanner(h, ref.baseLsn(), SEGMENT_HEADER_SIZE,
                        Math.min(size, Math.max(expected, SEGMENT_HEADER_SIZE)), options.maxRecordSize());
                SegmentScanner.Result r;
                while ((r = scanner.next()) == SegmentScanner.Result.RECORD) {
                    // verified
                }
                if (r == SegmentScanner.Result.INVALID) {
                    throw new CorruptWalException(ref.path(), scanner.offset(), scanner.problem()
                            + " (the next segment starts at LSN " + nextBase + ")");
                }
            }
            if (size != expected) {
                throw new CorruptWalException(ref.path(), Math.min(size, expected), "segment is " + size
                        + " bytes but the next segment starts at offset " + expected + " (LSN " + nextBase + ")");
            }
        }
    }

    private static long scanLastSegment(Path dir, Wal.SegmentRef ref, FileHandle h, WalOptions options)
            throws IOException {
        long size = h.size();
        SegmentScanner scanner = new SegmentScanner(h, ref.baseLsn(), SEGMENT_HEADER_SIZE, size, options.maxRecordSize());
        long count = 0;
        SegmentScanner.Result r;
        while ((r = scanner.next()) == SegmentScanner.Result.RECORD) {
            count++;
        }
        long end = scanner.offset();
        if (r == SegmentScanner.Result.INVALID) {
            String problem = scanner.problem();
            long later = scanner.findValidRecordAfter(end);
            if (later >= 0) {
                String message = problem + ", yet a valid record follows at offset " + later;
                if (options.strictTailRecovery()) {
                    throw new CorruptWalException(ref.path(), end, message);
                }
                log.warn("WAL {}: invalid record in the last segment {} at offset {}: {}. Treating it as the torn tail "
                        + "of a crash (writes not yet synced may reach the disk out of order) and discarding {} bytes; "
                        + "if the disk may be damaged, use strictTailRecovery", dir, ref.path().getFileName(), end,
                        message, size - end);
            } else {
                log.warn("WAL {}: torn tail in {} at offset {} ({}): discarding {} bytes after the last valid record",
                        dir, ref.path().getFileName(), end, problem, size - end);
            }
            h.truncate(end);
        }
        log.debug("WAL {}: last segment {} holds {} records", dir, ref.path().getFileName(), count);
        return ref.baseLsn() + end;
    }
}
