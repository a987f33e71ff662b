package io.shaledb.storage.btree.page;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Page 0 of the data file: what the tree needs to find everything else.
 *
 * <pre>
 *  32: magic "ShaleBT1" (8)   40: format version u32   44: page size u32
 *  48: root page u32          52: page count u32        56: free list head u32
 *  60: free page count u32    64: tree height u32
 * </pre>
 *
 * It is an ordinary page otherwise: checksummed, LSN-stamped and logged like any other, so the
 * root, the page count and the free list are recovered together with the pages they describe.
 */
public final class MetaPage {

    public static final byte[] MAGIC = "ShaleBT1".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;

    static final int OFF_MAGIC = 32;
    static final int OFF_VERSION = 40;
    static final int OFF_PAGE_SIZE = 44;
    static final int OFF_ROOT = 48;
    static final int OFF_PAGE_COUNT = 52;
    static final int OFF_FREE_HEAD = 56;
    static final int OFF_FREE_COUNT = 60;
    static final int OFF_HEIGHT = 64;
    /** End of the meta page's fields: the rest of the page is always zero (left out of logged images). */
    public static final int END = OFF_HEIGHT + 4;

    private MetaPage() {}

    public static void init(byte[] p, int pageSize, int root) {
        Page.init(p, PageType.META, 0);
        System.arraycopy(MAGIC, 0, p, OFF_MAGIC, MAGIC.length);
        Page.putInt(p, OFF_VERSION, FORMAT_VERSION);
        Page.putInt(p, OFF_PAGE_SIZE, pageSize);
        Page.putInt(p, OFF_ROOT, root);
        Page.putInt(p, OFF_PAGE_COUNT, 2);
        Page.putInt(p, OFF_HEIGHT, 1);
    }

    /** Checks magic and version; returns null when fine, else the problem. */
    public static String validate(byte[] p) {
        if (!Arrays.equals(p, OFF_MAGIC, OFF_MAGIC + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return "bad magic (not a ShaleDB B+Tree file)";
        }
        int v = Page.getInt(p, OFF_VERSION);
        if (v != FORMAT_VERSION) {
            return "unsupported format version " + v + " (this build reads " + FORMAT_VERSION + ")";
        }
        return null;
    }

    public static int pageSize(byte[] p) {
        return Page.getInt(p, OFF_PAGE_SIZE);
    }

    public static int root(byte[] p) {
        return Page.getInt(p, OFF_ROOT);
    }

    public static void setRoot(byte[] p, int root) {
        Page.putInt(p, OFF_ROOT, root);
    }

    public static int pageCount(byte[] p) {
        return Page.getInt(p, OFF_PAGE_COUNT);
    }

    public static void setPageCount(byte[] p, int n) {
        Page.putInt(p, OFF_PAGE_COUNT, n);
    }

    public static int freeHead(byte[] p) {
        return Page.getInt(p, OFF_FREE_HEAD);
    }

    public static void setFreeHead(byte[] p, int id) {
        Page.putInt(p, OFF_FREE_HEAD, id);
    }

    public static int freeCount(byte[] p) {
        return Page.getInt(p, OFF_FREE_COUNT);
    }

    public static void setFreeCount(byte[] p, int n) {
        Page.putInt(p, OFF_FREE_COUNT, n);
    }

    public static int height(byte[] p) {
        return Page.getInt(p, OFF_HEIGHT);
    }

    public static void setHeight(byte[] p, int h) {
        Page.putInt(p, OFF_HEIGHT, h);
    }
}
