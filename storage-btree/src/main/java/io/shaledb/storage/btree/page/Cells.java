package io.shaledb.storage.btree.page;

/**
 * The byte layout of the cells slotted pages hold (see {@code docs/formats/btree.md}).
 *
 * <pre>
 * leaf cell:      flags u8 | key length u32 | value length u32 | key part | value part
 * internal cell:  flags u8 | child page u32 | key length u32   | key part
 *
 * key part:   the whole key                         (flag KEY_OVERFLOW clear)
 *             first {@value #KEY_PREFIX} key bytes, first overflow page u32  (flag set; the chain holds the whole key)
 * value part: the whole value                       (flag VALUE_OVERFLOW clear)
 *             first overflow page u32               (flag set; the chain holds the whole value)
 * </pre>
 *
 * In an internal page, cell 0 carries flag {@link #LOW_SENTINEL} and no key: it stands for "minus
 * infinity", so child 0 holds every key below cell 1's key.
 */
public final class Cells {

    public static final int KEY_OVERFLOW = 1;
    public static final int VALUE_OVERFLOW = 2;
    public static final int LOW_SENTINEL = 4;

    /** Key bytes kept in the page when a key overflows: most comparisons end inside them. */
    public static final int KEY_PREFIX = 128;

    public static final int LEAF_HEADER = 9;
    public static final int INTERNAL_HEADER = 9;

    private Cells() {}

    /** The largest cell a page of this size accepts: four always fit, so a split always succeeds. */
    public static int maxCellSize(int pageSize) {
        return (pageSize - Page.HEADER_SIZE) / 4 - SlottedPage.SLOT_SIZE;
    }

    /** Keys longer than this go to an overflow chain (with a {@link #KEY_PREFIX}-byte prefix kept inline). */
    public static int maxInlineKey(int pageSize) {
        return maxCellSize(pageSize) - LEAF_HEADER - 4;
    }

    public static int flags(byte[] p, int off) {
        return p[off] & 0xFF;
    }

    /** Length of the cell at {@code off} of a leaf ({@code leaf}) or internal page. */
    public static int length(byte[] p, int off, boolean leaf) {
        int flags = flags(p, off);
        if (leaf) {
            int keyLen = Page.getInt(p, off + 1);
            int valLen = Page.getInt(p, off + 5);
            int keyPart = (flags & KEY_OVERFLOW) != 0 ? KEY_PREFIX + 4 : keyLen;
            int valPart = (flags & VALUE_OVERFLOW) != 0 ? 4 : valLen;
            return LEAF_HEADER + keyPart + valPart;
        }
        if ((flags & LOW_SENTINEL) != 0) {
            return INTERNAL_HEADER;
        }
        int keyLen = Page.getInt(p, off + 5);
        return INTERNAL_HEADER + ((flags & KEY_OVERFLOW) != 0 ? KEY_PREFIX + 4 : keyLen);
    }

    public static int keyLength(byte[] p, int off, boolean leaf) {
        return Page.getInt(p, off + (leaf ? 1 : 5));
    }

    /** Offset of the key part. */
    public static int keyOffset(int off) {
        return off + 9;
    }

    public static int leafValueLength(byte[] p, int off) {
        return Page.getInt(p, off + 5);
    }

    /** Offset of the value part of a leaf cell. */
    public static int leafValueOffset(byte[] p, int off) {
        int flags = flags(p, off);
        return off + LEAF_HEADER + ((flags & KEY_OVERFLOW) != 0 ? KEY_PREFIX + 4 : Page.getInt(p, off + 1));
    }

    /** First overflow page of an overflowing key. */
    public static int keyOverflowPage(byte[] p, int off) {
        return Page.getInt(p, keyOffset(off) + KEY_PREFIX);
    }

    public static int internalChild(byte[] p, int off) {
        return Page.getInt(p, off + 1);
    }

    public static void setInternalChild(byte[] p, int off, int child) {
        Page.putInt(p, off + 1, child);
    }

    // ------------------------------------------------------------------ building cells

    /** A leaf cell; {@code keyChain}/{@code valueChain} are the overflow pages when the part overflows, else ignored. */
    public static byte[] leaf(byte[] key, boolean keyOverflow, int keyChain, byte[] value, boolean valueOverflow, int valueChain) {
        int keyPart = keyOverflow ? KEY_PREFIX + 4 : key.length;
        int valPart = valueOverflow ? 4 : value.length;
        byte[] c = new byte[LEAF_HEADER + keyPart + valPart];
        c[0] = (byte) ((keyOverflow ? KEY_OVERFLOW : 0) | (valueOverflow ? VALUE_OVERFLOW : 0));
        Page.putInt(c, 1, key.length);
        Page.putInt(c, 5, value.length);
        int o = writeKeyPart(c, LEAF_HEADER, key, keyOverflow, keyChain);
        if (valueOverflow) {
            Page.putInt(c, o, valueChain);
        } else {
            System.arraycopy(value, 0, c, o, value.length);
        }
        return c;
    }

    /** An internal cell with a key. */
    public static byte[] internal(byte[] key, boolean keyOverflow, int keyChain, int child) {
        int keyPart = keyOverflow ? KEY_PREFIX + 4 : key.length;
        byte[] c = new byte[INTERNAL_HEADER + keyPart];
        c[0] = (byte) (keyOverflow ? KEY_OVERFLOW : 0);
        Page.putInt(c, 1, child);
        Page.putInt(c, 5, key.length);
        writeKeyPart(c, INTERNAL_HEADER, key, keyOverflow, keyChain);
        return c;
    }

    /** The minus-infinity cell 0 of an internal page. */
    public static byte[] lowSentinel(int child) {
        byte[] c = new byte[INTERNAL_HEADER];
        c[0] = (byte) LOW_SENTINEL;
        Page.putInt(c, 1, child);
        return c;
    }

    private static int writeKeyPart(byte[] c, int o, byte[] key, boolean overflow, int chain) {
        if (overflow) {
            System.arraycopy(key, 0, c, o, KEY_PREFIX);
            Page.putInt(c, o + KEY_PREFIX, chain);
            return o + KEY_PREFIX + 4;
        }
        System.arraycopy(key, 0, c, o, key.length);
        return o + key.length;
    }
}
