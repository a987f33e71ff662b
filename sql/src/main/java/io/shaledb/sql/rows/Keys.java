package io.shaledb.sql.rows;

import io.shaledb.common.bytes.Bytes;

/**
 * The key spaces the SQL layer owns in the engine. Each starts with one tag byte:
 *
 * <pre>
 *   't' u32be(tableId) tuple(pk...)   -> row value      (table rows)
 *   'c' 't' u32be(tableId)           -> table descriptor (catalog)
 *   'c' 'm'                          -> catalog meta: next table id
 *   'c' 'v' utf8(name)               -> view definition (name, column names, SQL text)
 * </pre>
 *
 * Table ids are never reused, so a dropped table's leftovers can never be mistaken for a new
 * table's rows. The primary-key tuple uses {@link io.shaledb.common.encoding.TupleEncoder}, so a
 * forward scan of {@code 't' u32be(id)} returns rows in primary-key order.
 */
public final class Keys {
    public static final byte TABLE_SPACE = 't';
    public static final byte CATALOG_SPACE = 'c';
    private static final byte CATALOG_TABLE = 't';
    private static final byte CATALOG_META = 'm';
    private static final byte CATALOG_VIEW = 'v';

    /** Length of the table prefix: tag + 4 bytes of table id. */
    public static final int TABLE_PREFIX_LENGTH = 5;

    private Keys() {}

    /** The prefix of every row key of table {@code tableId}. */
    public static byte[] tablePrefix(int tableId) {
        return new byte[] {TABLE_SPACE, (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8), (byte) tableId};
    }

    /** The prefix of every table descriptor. */
    public static byte[] catalogTablesPrefix() {
        return new byte[] {CATALOG_SPACE, CATALOG_TABLE};
    }

    public static byte[] catalogTableKey(int tableId) {
        return Bytes.concat(catalogTablesPrefix(),
                new byte[] {(byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8), (byte) tableId});
    }

    public static byte[] catalogMetaKey() {
        return new byte[] {CATALOG_SPACE, CATALOG_META};
    }

    /** The prefix of every view definition. */
    public static byte[] catalogViewsPrefix() {
        return new byte[] {CATALOG_SPACE, CATALOG_VIEW};
    }

    public static byte[] catalogViewKey(String name) {
        return Bytes.concat(catalogViewsPrefix(), name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
