package io.shaledb.storage.btree.recovery;

import io.shaledb.storage.btree.page.CorruptPageException;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageFile;
import io.shaledb.wal.Wal;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redo on open: replays every {@link PageImages} record from the last checkpoint's redo LSN. A page
 * is overwritten with a record's image unless the page on disk is intact and already carries that
 * LSN or a later one; a page that fails verification (torn by the crash, or never written) is
 * always overwritten. The images are written straight to the data file; the caller syncs it.
 */
public final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {}

    /** Returns the LSN just after the last record replayed ({@code fromLsn} when none). */
    public static long redo(Wal wal, PageFile file, long fromLsn) throws IOException {
        int pageSize = file.pageSize();
        byte[] current = new byte[pageSize];
        AtomicLong records = new AtomicLong();
        AtomicLong applied = new AtomicLong();
        long end = wal.replay(fromLsn, (lsn, type, payload) -> {
            if (type != PageImages.TYPE) {
                return; // another component's record
            }
            records.incrementAndGet();
            PageImages.decode(payload, pageSize, (pageNo, image) -> {
                if (pageNo < file.pagesOnDisk()) {
                    boolean intact;
                    try {
                        file.readRaw(pageNo, current);
                        intact = PageFile.verify(pageNo, current, pageSize) == null;
                    } catch (CorruptPageException partialTrailingPage) {
                        intact = false;
                    }
                    if (intact && Page.lsn(current) >= lsn) {
                        return;
                    }
                }
                Page.setLsn(image, lsn);
                file.write(pageNo, image);
                applied.incrementAndGet();
            });
        });
        if (records.get() > 0) {
            log.info("{}: redo from LSN {} to {}: {} records, {} page images applied", file.path(), fromLsn, end,
                    records.get(), applied.get());
        }
        return end;
    }
}
