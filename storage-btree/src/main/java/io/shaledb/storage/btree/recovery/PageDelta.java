package io.shaledb.storage.btree.recovery;

import io.shaledb.storage.btree.page.Page;
import io.shaledb.storage.btree.page.PageType;
import io.shaledb.storage.btree.page.SlottedPage;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The compact redo of one slotted page's changes within one operation: the slot operations, in
 * order, that turned the page's previous state (the one stamped {@link #prevLsn()}) into its new
 * one. The forward path and redo run the same {@link SlottedPage#insert} and
 * {@link SlottedPage#remove} on the same starting bytes, so they produce the same page (the unused
 * gap between slots and cells aside, which nothing reads). A replaced cell is a remove and an
 * insert at the same slot.
 *
 * <pre>
 * ops:  INSERT (1) u8 | slot u16 | cell length u16 | cell bytes
 *       REMOVE (2) u8 | slot u16
 * </pre>
 */
public final class PageDelta {

    public static final int INSERT = 1;
    public static final int REMOVE = 2;

    private final long prevLsn;
    private byte[] ops = new byte[32];
    private int length;
    private int count;

    /** A delta of a page whose LSN before the change is {@code prevLsn}. */
    public PageDelta(long prevLsn) {
        this.prevLsn = prevLsn;
    }

    /** LSN the page carries before these changes: redo applies them only to exactly that state. */
    public long prevLsn() {
        return prevLsn;
    }

    /** Number of operations. */
    public int count() {
        return count;
    }

    /** Encoded length of the operations. */
    public int length() {
        return length;
    }

    public void insert(int slot, byte[] cell) {
        if (cell.length > 0xFFFF) {
            throw new IllegalArgumentException("cell of " + cell.length + " bytes");
        }
        ensure(5 + cell.length);
        ops[length] = INSERT;
        Page.putShort(ops, length + 1, slot);
        Page.putShort(ops, length + 3, cell.length);
        System.arraycopy(cell, 0, ops, length + 5, cell.length);
        length += 5 + cell.length;
        count++;
    }

    public void remove(int slot) {
        ensure(3);
        ops[length] = REMOVE;
        Page.putShort(ops, length + 1, slot);
        length += 3;
        count++;
    }

    private void ensure(int more) {
        if (length + more > ops.length) {
            ops = Arrays.copyOf(ops, Math.max(ops.length * 2, length + more));
        }
    }

    void writeOps(ByteBuffer b) {
        b.put(ops, 0, length);
    }

    /**
     * Applies {@code count} operations read from {@code ops} to the slotted page {@code p}. Returns
     * null, or what did not match (the page is then in an unknown state and must not be used).
     */
    public static String apply(byte[] p, ByteBuffer ops, int count) {
        PageType t = Page.type(p);
        if (t != PageType.LEAF && t != PageType.INTERNAL) {
            return "delta for a slotted page applied to a " + t + " page";
        }
        for (int k = 0; k < count; k++) {
            if (!ops.hasRemaining()) {
                return "delta ends after " + k + " of " + count + " operations";
            }
            int op = ops.get() & 0xFF;
            int slot = Short.toUnsignedInt(ops.getShort());
            int n = SlottedPage.count(p);
            switch (op) {
                case INSERT -> {
                    int len = Short.toUnsignedInt(ops.getShort());
                    byte[] cell = new byte[len];
                    ops.get(cell);
                    if (slot > n) {
                        return "insert at slot " + slot + " of a page with " + n + " cells";
                    }
                    if (!SlottedPage.insert(p, slot, cell)) {
                        return "a " + len + "-byte cell does not fit (" + SlottedPage.freeSpace(p) + " bytes free)";
                    }
                }
                case REMOVE -> {
                    if (slot >= n) {
                        return "remove of slot " + slot + " of a page with " + n + " cells";
                    }
                    SlottedPage.remove(p, slot);
                }
                default -> {
                    return "unknown delta operation " + op;
                }
            }
        }
        return null;
    }
}
