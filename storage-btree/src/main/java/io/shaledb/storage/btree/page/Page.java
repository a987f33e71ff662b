package io.shaledb.storage.btree.page;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The common page header and big-endian field access on a page image ({@code byte[]} of the page
 * size). Layout (see {@code docs/formats/btree.md}):
 *
 * <pre>
 *  0       4    5    6       8               16        20                     32
 *  +-------+----+----+-------+---------------+---------+----------------------+----------
 *  | crc32c|type|ver | rsvd  |   page LSN    | page no | type-specific (12 B) | body ...
 *  +-------+----+----+-------+---------------+---------+----------------------+----------
 * </pre>
 *
 * The CRC-32C (unmasked) covers bytes {@code [4, pageSize)}; it is set by {@link PageFile} when
 * the page is written and checked when it is read.
 */
public final class Page {

    public static final int HEADER_SIZE = 32;
    public static final int OFF_CRC = 0;
    public static final int OFF_TYPE = 4;
    public static final int OFF_VERSION = 5;
    public static final int OFF_LSN = 8;
    public static final int OFF_PAGE_NO = 16;
    /** First type-specific header byte. */
    public static final int OFF_SPECIFIC = 20;

    /** Page format version written into every page header. */
    public static final int FORMAT_VERSION = 1;

    public static final int MIN_PAGE_SIZE = 4 * 1024;
    public static final int MAX_PAGE_SIZE = 64 * 1024;
    public static final int DEFAULT_PAGE_SIZE = 8 * 1024;

    /** Page 0 is the meta page, so 0 doubles as "no page" in page pointers. */
    public static final int NO_PAGE = 0;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Page() {}

    public static void checkPageSize(int pageSize) {
        if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two in [4 KiB, 64 KiB]: " + pageSize);
        }
    }

    public static int getInt(byte[] p, int off) {
        return (int) INT.get(p, off);
    }

    public static void putInt(byte[] p, int off, int v) {
        INT.set(p, off, v);
    }

    public static int getShort(byte[] p, int off) {
        return Short.toUnsignedInt((short) SHORT.get(p, off));
    }

    public static void putShort(byte[] p, int off, int v) {
        SHORT.set(p, off, (short) v);
    }

    public static long getLong(byte[] p, int off) {
        return (long) LONG.get(p, off);
    }

    public static void putLong(byte[] p, int off, long v) {
        LONG.set(p, off, v);
    }

    public static PageType type(byte[] p) {
        return PageType.of(p[OFF_TYPE] & 0xFF);
    }

    public static long lsn(byte[] p) {
        return getLong(p, OFF_LSN);
    }

    public static void setLsn(byte[] p, long lsn) {
        putLong(p, OFF_LSN, lsn);
    }

    public static int pageNo(byte[] p) {
        return getInt(p, OFF_PAGE_NO);
    }

    /** Zeroes the page and writes a fresh header: type, format version, LSN 0 and page number. */
    public static void init(byte[] p, PageType type, int pageNo) {
        java.util.Arrays.fill(p, (byte) 0);
        p[OFF_TYPE] = (byte) type.code();
        p[OFF_VERSION] = (byte) FORMAT_VERSION;
        putInt(p, OFF_PAGE_NO, pageNo);
    }

    // ------------------------------------------------------------------ overflow and free pages

    /** Overflow page: next page of the chain (or {@link #NO_PAGE}). */
    public static final int OFF_OVERFLOW_NEXT = OFF_SPECIFIC;
    /** Overflow page: number of data bytes on this page. */
    public static final int OFF_OVERFLOW_LENGTH = OFF_SPECIFIC + 4;
    /** Free page: next page on the free list (or {@link #NO_PAGE}). */
    public static final int OFF_FREE_NEXT = OFF_SPECIFIC;

    /** Data bytes an overflow page carries. */
    public static int overflowCapacity(int pageSize) {
        return pageSize - HEADER_SIZE;
    }
}
