package io.shaledb.storage.btree.page;

/**
 * Slotted-page operations on a page image: a slot array of 2-byte cell offsets grows up from
 * the header, cell bodies grow down from the end of the page.
 *
 * <pre>
 *  0            32                      contentStart                    pageSize
 *  +------------+------+------+---...---+---------+--------+------------+
 *  | header     |slot 0|slot 1|  free   | cell 1  | (hole) |   cell 0   |
 *  +------------+------+------+---...---+---------+--------+------------+
 *  header bytes 20..31: cell count u16 | reserved u16 | content start u32 | fragmented bytes u32
 * </pre>
 *
 * Slots are kept in key order; cells are wherever they were written. Removing a cell leaves a hole
 * (counted in "fragmented bytes"); an insert that does not fit in the contiguous gap compacts the
 * page first.
 */
public final class SlottedPage {

    public static final int SLOT_SIZE = 2;
    static final int OFF_COUNT = Page.OFF_SPECIFIC;
    static final int OFF_CONTENT_START = Page.OFF_SPECIFIC + 4;
    static final int OFF_FRAGMENTED = Page.OFF_SPECIFIC + 8;

    private SlottedPage() {}

    public static void init(byte[] p, PageType type, int pageNo) {
        Page.init(p, type, pageNo);
        Page.putInt(p, OFF_CONTENT_START, p.length);
    }

    public static boolean isLeaf(byte[] p) {
        return Page.type(p) == PageType.LEAF;
    }

    public static int count(byte[] p) {
        return Page.getShort(p, OFF_COUNT);
    }

    public static int cellOffset(byte[] p, int i) {
        return Page.getShort(p, Page.HEADER_SIZE + i * SLOT_SIZE);
    }

    public static int cellLength(byte[] p, int i) {
        return Cells.length(p, cellOffset(p, i), isLeaf(p));
    }

    public static byte[] cell(byte[] p, int i) {
        int off = cellOffset(p, i);
        int len = Cells.length(p, off, isLeaf(p));
        byte[] c = new byte[len];
        System.arraycopy(p, off, c, 0, len);
        return c;
    }

    private static int contentStart(byte[] p) {
        return Page.getInt(p, OFF_CONTENT_START);
    }

    private static int fragmented(byte[] p) {
        return Page.getInt(p, OFF_FRAGMENTED);
    }

    /** Bytes available for cells and slots, holes included. */
    public static int freeSpace(byte[] p) {
        return contentStart(p) - (Page.HEADER_SIZE + count(p) * SLOT_SIZE) + fragmented(p);
    }

    /** Bytes in use: header, slots and live cells. */
    public static int usedBytes(byte[] p) {
        return p.length - freeSpace(p);
    }

    /** Bytes a page can hold beyond its header. */
    public static int capacity(int pageSize) {
        return pageSize - Page.HEADER_SIZE;
    }

    /** Inserts {@code cell} as slot {@code i}; false (page unchanged) when it does not fit. */
    public static boolean insert(byte[] p, int i, byte[] cell) {
        int n = count(p);
        int need = cell.length + SLOT_SIZE;
        if (freeSpace(p) < need) {
            return false;
        }
        if (contentStart(p) - (Page.HEADER_SIZE + n * SLOT_SIZE) < need) {
            compact(p);
        }
        int start = contentStart(p) - cell.length;
        System.arraycopy(cell, 0, p, start, cell.length);
        Page.putInt(p, OFF_CONTENT_START, start);
        int slot = Page.HEADER_SIZE + i * SLOT_SIZE;
        System.arraycopy(p, slot, p, slot + SLOT_SIZE, (n - i) * SLOT_SIZE);
        Page.putShort(p, slot, start);
        Page.putShort(p, OFF_COUNT, n + 1);
        return true;
    }

    /** Removes slot {@code i}; its cell bytes become a hole. */
    public static void remove(byte[] p, int i) {
        int n = count(p);
        int off = cellOffset(p, i);
        int len = Cells.length(p, off, isLeaf(p));
        if (off == contentStart(p)) {
            Page.putInt(p, OFF_CONTENT_START, off + len);
        } else {
            Page.putInt(p, OFF_FRAGMENTED, fragmented(p) + len);
        }
        int slot = Page.HEADER_SIZE + i * SLOT_SIZE;
        System.arraycopy(p, slot + SLOT_SIZE, p, slot, (n - i - 1) * SLOT_SIZE);
        Page.putShort(p, OFF_COUNT, n - 1);
        if (n == 1) {
            Page.putInt(p, OFF_CONTENT_START, p.length);
            Page.putInt(p, OFF_FRAGMENTED, 0);
        }
    }

    /** Rewrites the cells contiguously at the end of the page, removing holes. */
    public static void compact(byte[] p) {
        int n = count(p);
        byte[][] cells = new byte[n][];
        for (int i = 0; i < n; i++) {
            cells[i] = cell(p, i);
        }
        int end = p.length;
        for (int i = 0; i < n; i++) {
            end -= cells[i].length;
            System.arraycopy(cells[i], 0, p, end, cells[i].length);
            Page.putShort(p, Page.HEADER_SIZE + i * SLOT_SIZE, end);
        }
        java.util.Arrays.fill(p, Page.HEADER_SIZE + n * SLOT_SIZE, end, (byte) 0);
        Page.putInt(p, OFF_CONTENT_START, end);
        Page.putInt(p, OFF_FRAGMENTED, 0);
    }

    /** Replaces the page's cells with {@code cells} (which must fit), keeping type, number and LSN. */
    public static void rebuild(byte[] p, java.util.List<byte[]> cells) {
        PageType type = Page.type(p);
        long lsn = Page.lsn(p);
        int pageNo = Page.pageNo(p);
        init(p, type, pageNo);
        Page.setLsn(p, lsn);
        for (int i = 0; i < cells.size(); i++) {
            if (!insert(p, i, cells.get(i))) {
                throw new IllegalStateException("cells do not fit in page " + pageNo);
            }
        }
    }
}
