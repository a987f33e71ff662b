package io.shaledb.sql.rows;

import io.shaledb.common.encoding.SortOrder;
import io.shaledb.common.encoding.TupleEncoder;
import io.shaledb.sql.catalog.Column;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The bytes of a secondary-index entry (docs/formats/indexes.md). An entry is an MVCC row version
 * in the index's key space; its user key orders entries by the index's key columns, each in its
 * own direction and NULL placement, and its payload points back at the table row and carries the
 * values an index-only scan returns:
 *
 * <pre>
 *   key     't' u32be(index storage id) | key columns as an order-preserving tuple
 *           | [row key without its 5-byte table prefix]   (absent for a UNIQUE index entry
 *                                                          whose key columns are all non-NULL)
 *   payload u8 version = 1 | varint length | row key without its table prefix
 *           | the stored values (key columns then INCLUDE columns) in the row-value layout:
 *             varint n, NULL bitmap, each non-NULL value's encoding ({@link TypeCodecs})
 * </pre>
 *
 * Without the row key, a UNIQUE index's entry key is the index key itself, so the transaction
 * layer's per-key insert (lock, then "is a live version there?") enforces uniqueness, waiting
 * for a concurrent inserter exactly as it does for primary keys. Entries with a NULL key column
 * never conflict (NULLs are distinct), so they carry the row key like non-unique entries. The
 * stored values are exact (numeric scale, char padding), which the order-preserving key bytes are
 * not. The row key is stored without its table prefix, which names the table's current key
 * space and is added back when the entry is followed.
 */
public final class IndexEntries {
    public static final byte PAYLOAD_VERSION = 1;

    private IndexEntries() {}

    /**
     * The user key of the entry for {@code keyValues} (one per key column, NULLs allowed); the row
     * key's suffix is appended when {@code withRowKey}.
     */
    public static byte[] key(int storageId, Column[] keyColumns, SortOrder[] orders, Object[] keyValues, byte[] rowKey,
                             boolean withRowKey) {
        TupleEncoder enc = prefix(storageId, keyColumns, orders, keyValues, keyValues.length);
        if (withRowKey) {
            enc.writeRawPrefix(Arrays.copyOfRange(rowKey, Keys.TABLE_PREFIX_LENGTH, rowKey.length));
        }
        return enc.toByteArray();
    }

    /**
     * The key bytes every entry whose first {@code n} key columns equal {@code values} starts
     * with: the scan prefix of an equality condition on a leading part of the key.
     */
    public static byte[] prefixKey(int storageId, Column[] keyColumns, SortOrder[] orders, Object[] values, int n) {
        return prefix(storageId, keyColumns, orders, values, n).toByteArray();
    }

    private static TupleEncoder prefix(int storageId, Column[] keyColumns, SortOrder[] orders, Object[] values, int n) {
        TupleEncoder enc = new TupleEncoder(32).writeRawPrefix(Keys.tablePrefix(storageId));
        for (int i = 0; i < n; i++) {
            writeKeyValue(enc, keyColumns[i], orders[i], values[i]);
        }
        return enc;
    }

    /**
     * The key bytes of {@code prefixValues} (the leading key columns) followed by column
     * {@code prefixValues.length} holding {@code value} (NULL allowed): a scan bound.
     */
    public static byte[] bound(int storageId, Column[] keyColumns, SortOrder[] orders, Object[] prefixValues, Object value) {
        TupleEncoder enc = prefix(storageId, keyColumns, orders, prefixValues, prefixValues.length);
        int i = prefixValues.length;
        writeKeyValue(enc, keyColumns[i], orders[i], value);
        return enc.toByteArray();
    }

    private static void writeKeyValue(TupleEncoder enc, Column column, SortOrder order, Object v) {
        if (v == null) {
            enc.writeNull(order);
        } else {
            TypeCodecs.writeKey(enc, column, v, order);
        }
    }

    /** The payload of an entry pointing at {@code rowKey} and storing {@code values}. */
    public static byte[] payload(byte[] rowKey, Column[] storedColumns, Object[] values) {
        int suffix = rowKey.length - Keys.TABLE_PREFIX_LENGTH;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + suffix + 8 * values.length);
        out.write(PAYLOAD_VERSION);
        RowCodec.writeVarint(out, suffix);
        out.write(rowKey, Keys.TABLE_PREFIX_LENGTH, suffix);
        RowCodec.writeVarint(out, values.length);
        byte[] nulls = new byte[(values.length + 7) / 8];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        out.writeBytes(nulls);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                TypeCodecs.writeValue(out, storedColumns[i].type(), values[i]);
            }
        }
        return out.toByteArray();
    }

    /** The key of the row an entry points at, in the table key space {@code tableStorageId}. */
    public static byte[] rowKey(byte[] payload, int tableStorageId) {
        int[] pos = {checkVersion(payload)};
        int len = (int) RowCodec.readVarint(payload, pos);
        byte[] key = new byte[Keys.TABLE_PREFIX_LENGTH + len];
        System.arraycopy(Keys.tablePrefix(tableStorageId), 0, key, 0, Keys.TABLE_PREFIX_LENGTH);
        System.arraycopy(payload, pos[0], key, Keys.TABLE_PREFIX_LENGTH, len);
        return key;
    }

    /** The stored values of an entry (key columns, then INCLUDE columns). */
    public static Object[] values(byte[] payload, Column[] storedColumns) {
        int[] pos = {checkVersion(payload)};
        int len = (int) RowCodec.readVarint(payload, pos);
        pos[0] += len;
        int n = (int) RowCodec.readVarint(payload, pos);
        int nullStart = pos[0];
        pos[0] += (n + 7) / 8;
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            if ((payload[nullStart + (i >>> 3)] & (1 << (i & 7))) == 0) {
                values[i] = TypeCodecs.readValue(payload, pos, storedColumns[i].type());
            }
        }
        return values;
    }

    private static int checkVersion(byte[] payload) {
        if (payload.length == 0 || payload[0] != PAYLOAD_VERSION) {
            throw new IllegalStateException("unknown index entry version " + (payload.length == 0 ? "(empty)" : payload[0]));
        }
        return 1;
    }
}
