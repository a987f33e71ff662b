package io.shaledb.storage.btree.recovery;

import io.shaledb.storage.btree.page.MetaPage;
import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageType;
import io.shaledb.storage.btree.page.SlottedPage;
import io.shaledb.wal.RecordTypes;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The B+Tree's first WAL record type, no longer written (see {@link PageChanges}) but still
 * replayed by redo, so a log written before the change recovers: the after-images of every page one operation (a put, a delete
 * or a whole write batch) changed. Replaying a record makes each page equal to its image, so redo
 * is idempotent and needs no knowledge of the tree; one record per operation makes the operation
 * atomic in recovery; and because every change logs the whole page, a page torn by a crash is
 * always rewritten by redo (full-page-image torn-page protection, as PostgreSQL's
 * {@code full_page_writes}, here on every change rather than the first after a checkpoint).
 *
 * <p>The unused middle of a page (the gap between the slot array and the cells of a slotted page,
 * the tail of an overflow page) is not logged ("hole elimination"):
 *
 * <pre>
 * payload: count u32, then per page:  page u32 | head length u32 | tail offset u32 | head bytes | tail bytes
 *          the page is head bytes at [0, head length), zeros, tail bytes at [tail offset, page size)
 * </pre>
 */
public final class PageImages {

    /** WAL record type {@code btree.page-images} (code 48, the first of the B+Tree range). */
    public static final byte TYPE = RecordTypes.register(RecordTypes.Range.BTREE, 48, "btree.page-images");

    private PageImages() {}

    /** Where the unused middle of {@code p} starts and ends: {head length, tail offset}. */
    static int[] hole(byte[] p) {
        PageType t = Page.type(p);
        int size = p.length;
        if (t == PageType.LEAF || t == PageType.INTERNAL) {
            int slotsEnd = Page.HEADER_SIZE + SlottedPage.count(p) * SlottedPage.SLOT_SIZE;
            int contentStart = Page.getInt(p, Page.OFF_SPECIFIC + 4);
            return new int[] {slotsEnd, Math.max(slotsEnd, Math.min(contentStart, size))};
        }
        if (t == PageType.OVERFLOW) {
            return new int[] {Page.HEADER_SIZE + Page.getInt(p, Page.OFF_OVERFLOW_LENGTH), size};
        }
        if (t == PageType.FREE) {
            return new int[] {Page.HEADER_SIZE, size};
        }
        if (t == PageType.META) {
            return new int[] {MetaPage.END, size};
        }
        return new int[] {size, size};
    }

    public static byte[] encode(List<byte[]> pages) {
        int total = 4;
        int[][] holes = new int[pages.size()][];
        for (int i = 0; i < pages.size(); i++) {
            byte[] p = pages.get(i);
            holes[i] = hole(p);
            total += 12 + holes[i][0] + (p.length - holes[i][1]);
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(pages.size());
        for (int i = 0; i < pages.size(); i++) {
            byte[] p = pages.get(i);
            b.putInt(Page.pageNo(p)).putInt(holes[i][0]).putInt(holes[i][1]);
            b.put(p, 0, holes[i][0]);
            b.put(p, holes[i][1], p.length - holes[i][1]);
        }
        return b.array();
    }

    /** Receives each decoded page image. */
    @FunctionalInterface
    public interface Sink {
        void page(int pageNo, byte[] image) throws java.io.IOException;
    }

    public static void decode(ByteBuffer payload, int pageSize, Sink sink) throws java.io.IOException {
        ByteBuffer b = payload.duplicate();
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            int pageNo = b.getInt();
            int head = b.getInt();
            int tail = b.getInt();
            if (head < 0 || head > pageSize || tail < head || tail > pageSize) {
                throw new java.io.IOException("malformed page image record: page " + pageNo + " head " + head + " tail " + tail);
            }
            byte[] image = new byte[pageSize];
            b.get(image, 0, head);
            b.get(image, tail, pageSize - tail);
            sink.page(pageNo, image);
        }
    }
}
