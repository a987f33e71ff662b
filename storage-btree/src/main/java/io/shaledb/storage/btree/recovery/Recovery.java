package io.shaledb.storage.btree.recovery;

import io.shaledb.storage.btree.page.CorruptPageException;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageFile;
import io.shaledb.wal.Wal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redo on open: replays every {@link PageChanges} record (and every {@link PageImages} record of a
 * log written before deltas existed) from the last checkpoint's redo LSN, in log order, straight
 * to the data file; the caller syncs it.
 *
 * <ul>
 *   <li>A full image overwrites the page unless the page on disk is intact and already carries the
 *       record's LSN or a later one; a page that fails verification (torn by the crash, or never
 *       written) is always overwritten.
 *   <li>A delta is skipped when the page on disk is intact and carries the record's LSN or a later
 *       one; it is applied when the page is intact and carries exactly the LSN the delta was made
 *       against. Anything else (a torn page, a missing page, an intact page with another LSN) means
 *       the full image that must precede the delta in the redo range is not there: redo stops with a
 *       {@link CorruptPageException} naming the file and the page rather than guess.
 * </ul>
 */
public final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {}

    /** Returns the LSN just after the last record replayed ({@code fromLsn} when none). */
    public static long redo(Wal wal, PageFile file, long fromLsn) throws IOException {
        int pageSize = file.pageSize();
        byte[] current = new byte[pageSize];
        AtomicLong records = new AtomicLong();
        AtomicLong images = new AtomicLong();
        AtomicLong deltas = new AtomicLong();
        long end = wal.replay(fromLsn, (lsn, type, payload) -> {
            if (type == PageImages.TYPE) {
                records.incrementAndGet();
                PageImages.decode(payload, pageSize, (pageNo, image) -> {
                    if (redoImage(file, current, lsn, pageNo, image)) {
                        images.incrementAndGet();
                    }
                });
            } else if (type == PageChanges.TYPE) {
                records.incrementAndGet();
                PageChanges.decode(payload, pageSize, new PageChanges.Sink() {
                    @Override
                    public void image(int pageNo, byte[] image) throws IOException {
                        if (redoImage(file, current, lsn, pageNo, image)) {
                            images.incrementAndGet();
                        }
                    }

                    @Override
                    public void delta(int pageNo, long prevLsn, int count, ByteBuffer ops) throws IOException {
                        if (redoDelta(file, current, lsn, pageNo, prevLsn, count, ops)) {
                            deltas.incrementAndGet();
                        }
                    }
                });
            }
            // any other type is another component's record
        });
        if (records.get() > 0) {
            log.info("{}: redo from LSN {} to {}: {} records, {} page images and {} deltas applied", file.path(),
                    fromLsn, end, records.get(), images.get(), deltas.get());
        }
        return end;
    }

    /** Reads page {@code pageNo} into {@code current}; false when it is missing, torn or otherwise fails verification. */
    private static boolean readIntact(PageFile file, byte[] current, int pageNo) throws IOException {
        if (pageNo >= file.pagesOnDisk()) {
            return false;
        }
        try {
            file.readRaw(pageNo, current);
            return PageFile.verify(pageNo, current, file.pageSize()) == null;
        } catch (CorruptPageException partialTrailingPage) {
            return false;
        }
    }

    private static boolean redoImage(PageFile file, byte[] current, long lsn, int pageNo, byte[] image) throws IOException {
        if (readIntact(file, current, pageNo) && Page.lsn(current) >= lsn) {
            return false;
        }
        Page.setLsn(image, lsn);
        file.write(pageNo, image);
        return true;
    }

    /** Applies a delta; see the class comment for when it refuses. */
    static boolean redoDelta(PageFile file, byte[] current, long lsn, int pageNo, long prevLsn, int count, ByteBuffer ops)
            throws IOException {
        if (!readIntact(file, current, pageNo)) {
            throw new CorruptPageException(file.path(), pageNo, "the record at LSN " + lsn
                    + " holds a delta for this page, but the page on disk is torn or missing and no full image of it"
                    + " precedes the delta in the redo range");
        }
        long onDisk = Page.lsn(current);
        if (onDisk >= lsn) {
            return false;
        }
        if (onDisk != prevLsn) {
            throw new CorruptPageException(file.path(), pageNo, "the record at LSN " + lsn
                    + " holds a delta made against the page at LSN " + prevLsn + ", but the page on disk is at LSN "
                    + onDisk);
        }
        String problem = PageDelta.apply(current, ops, count);
        if (problem != null) {
            throw new CorruptPageException(file.path(), pageNo, "the delta of the record at LSN " + lsn
                    + " does not apply: " + problem);
        }
        Page.setLsn(current, lsn);
        file.write(pageNo, current);
        return true;
    }
}
