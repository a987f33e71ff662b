package io.shaledb.sql.rows;

/**
 * The key spaces the SQL layer owns in the engine. Each starts with one tag byte:
 *
 * <pre>
 *   't' u32be(storageId) tuple(pk...)     -> row versions    (table rows)
 *   'c' 'o' tuple(kind, name) + version -> catalog object  (catalog rows, MVCC; see CatalogCodec)
 *   'c' 'm'                             -> catalog meta: next table / storage id
 *   'c' 't' u32be(tableId)              -> legacy raw table descriptor (format 1/2, migrated at start)
 *   'c' 'v' utf8(name)                  -> view definition (name, column names, SQL text; not yet MVCC)
 *   'c' 's' u32be(tableId) + version    -> table and column statistics (MVCC; see stats.StatisticsStore)
 * </pre>
 *
 * Storage ids are never reused, so a dropped or truncated table's leftovers can never be mistaken
 * for a new table's rows. The primary-key tuple uses {@link io.shaledb.common.encoding.TupleEncoder}, so a
 * forward scan of {@code 't' u32be(id)} returns rows in primary-key order.
 */
public final class Keys {
    public static final byte TABLE_SPACE = 't';
    public static final byte CATALOG_SPACE = 'c';
    private static final byte CATALOG_TABLE = 't';
    private static final byte CATALOG_OBJECTS = 'o';
    private static final byte CATALOG_META = 'm';
    private static final byte CATALOG_VIEW = 'v';

    /** Length of the table prefix: tag + 4 bytes of table id. */
    public static final int TABLE_PREFIX_LENGTH = 5;

    private Keys() {}

    /** The prefix of every row key of table {@code tableId}. */
    public static byte[] tablePrefix(int tableId) {
        return new byte[] {TABLE_SPACE, (byte) (tableId >>> 24), (byte) (tableId >>> 16), (byte) (tableId >>> 8), (byte) tableId};
    }

    /** The prefix of the raw table descriptors of catalog formats 1 and 2 (read only to migrate them). */
    public static byte[] legacyCatalogTablesPrefix() {
        return new byte[] {CATALOG_SPACE, CATALOG_TABLE};
    }

    /** The key prefix of the catalog relation (MVCC rows, one per object). */
    public static byte[] catalogObjectsPrefix() {
        return new byte[] {CATALOG_SPACE, CATALOG_OBJECTS};
    }

    public static byte[] catalogMetaKey() {
        return new byte[] {CATALOG_SPACE, CATALOG_META};
    }

    /** The prefix of every view definition. */
    public static byte[] catalogViewsPrefix() {
        return new byte[] {CATALOG_SPACE, CATALOG_VIEW};
    }

    public static byte[] catalogViewKey(String name) {
        byte[] prefix = catalogViewsPrefix();
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] key = java.util.Arrays.copyOf(prefix, prefix.length + utf8.length);
        System.arraycopy(utf8, 0, key, prefix.length, utf8.length);
        return key;
    }
}
