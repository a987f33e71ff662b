package io.shaledb.storage.btree.page;

import io.shaledb.common.fs.FileHandle;
import io.shaledb.common.fs.FileSystem;
import io.shaledb.common.fs.OpenMode;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * The data file as an array of fixed-size pages, read and written whole through the
 * {@link FileSystem} seam. Every write stamps the page's CRC-32C; every read verifies it, the
 * page number and the type byte, and throws {@link CorruptPageException} (naming file and page)
 * rather than return a damaged page.
 */
public final class PageFile implements Closeable {

    private final Path path;
    private final FileHandle handle;
    private final int pageSize;
    private final AtomicLong pagesRead = new AtomicLong();
    private final AtomicLong pagesWritten = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();

    private PageFile(Path path, FileHandle handle, int pageSize) {
        this.path = path;
        this.handle = handle;
        this.pageSize = pageSize;
    }

    /** Opens (creating if missing) the file with the given page size. */
    public static PageFile open(FileSystem fs, Path path, int pageSize) throws IOException {
        Page.checkPageSize(pageSize);
        return new PageFile(path, fs.open(path, OpenMode.CREATE), pageSize);
    }

    /**
     * Reads the page size recorded in an existing file's meta page, verifying the meta page. Returns
     * -1 when the file is empty.
     */
    public static int readPageSize(FileSystem fs, Path path) throws IOException {
        try (FileHandle h = fs.open(path, OpenMode.READ)) {
            if (h.size() == 0) {
                return -1;
            }
            byte[] head = new byte[Page.HEADER_SIZE + 16];
            try {
                h.readFully(ByteBuffer.wrap(head), 0);
            } catch (EOFException e) {
                throw new CorruptPageException(path, 0, "file too short for a meta page (" + h.size() + " bytes)");
            }
            int pageSize = MetaPage.pageSize(head);
            String bad = MetaPage.validate(head);
            if (bad != null) {
                throw new CorruptPageException(path, 0, bad);
            }
            try {
                Page.checkPageSize(pageSize);
            } catch (IllegalArgumentException e) {
                throw new CorruptPageException(path, 0, "implausible page size " + pageSize);
            }
            return pageSize;
        }
    }

    public Path path() {
        return path;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Pages the file currently spans (a partial trailing page counts). */
    public long pagesOnDisk() throws IOException {
        return (handle.size() + pageSize - 1) / pageSize;
    }

    /** Reads and verifies page {@code pageNo} into {@code dst}. */
    public void read(int pageNo, byte[] dst) throws IOException {
        readRaw(pageNo, dst);
        String problem = verify(pageNo, dst, pageSize);
        if (problem != null) {
            throw new CorruptPageException(path, pageNo, problem);
        }
    }

    /** Reads page {@code pageNo} without verifying it (recovery decides what to do with a torn page). */
    public void readRaw(int pageNo, byte[] dst) throws IOException {
        try {
            handle.readFully(ByteBuffer.wrap(dst, 0, pageSize), (long) pageNo * pageSize);
        } catch (EOFException e) {
            throw new CorruptPageException(path, pageNo, "beyond the end of the file (" + handle.size() + " bytes)");
        }
        pagesRead.incrementAndGet();
    }

    /** Null when {@code p} is a well-formed image of page {@code pageNo}, else what is wrong with it. */
    public static String verify(int pageNo, byte[] p, int pageSize) {
        int stored = Page.getInt(p, Page.OFF_CRC);
        int actual = checksum(p, pageSize);
        if (stored != actual) {
            return String.format("checksum mismatch (stored %08x, computed %08x)", stored, actual);
        }
        if (Page.pageNo(p) != pageNo) {
            return "header says page " + Page.pageNo(p) + " (misdirected write?)";
        }
        if (Page.type(p) == null) {
            return "unknown page type " + (p[Page.OFF_TYPE] & 0xFF);
        }
        if ((p[Page.OFF_VERSION] & 0xFF) != Page.FORMAT_VERSION) {
            return "unsupported page format version " + (p[Page.OFF_VERSION] & 0xFF);
        }
        return null;
    }

    /** CRC-32C of bytes {@code [4, pageSize)}. */
    public static int checksum(byte[] p, int pageSize) {
        CRC32C crc = new CRC32C();
        crc.update(p, 4, pageSize - 4);
        return (int) crc.getValue();
    }

    /** Stamps the checksum into {@code src} and writes it as page {@code pageNo}. */
    public void write(int pageNo, byte[] src) throws IOException {
        if (Page.pageNo(src) != pageNo) {
            throw new IllegalStateException("writing an image of page " + Page.pageNo(src) + " as page " + pageNo);
        }
        Page.putInt(src, Page.OFF_CRC, checksum(src, pageSize));
        handle.write(ByteBuffer.wrap(src, 0, pageSize), (long) pageNo * pageSize);
        pagesWritten.incrementAndGet();
    }

    public void sync() throws IOException {
        handle.sync();
        syncs.incrementAndGet();
    }

    /** Cuts the file to {@code pages} pages. */
    public void truncatePages(int pages) throws IOException {
        handle.truncate((long) pages * pageSize);
    }

    public long pagesRead() {
        return pagesRead.get();
    }

    public long pagesWritten() {
        return pagesWritten.get();
    }

    public long syncs() {
        return syncs.get();
    }

    @Override
    public void close() throws IOException {
        handle.close();
    }
}
