package io.shaledb.sql.exec;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.rows.Keys;
import io.shaledb.sql.rows.RowCodec;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;

/** A full scan of a table in primary-key order (row-id order for tables without a key). */
final class TableScan {
    /** Receives each row with its storage key; returns false to stop the scan. */
    interface Visitor {
        boolean visit(byte[] key, Object[] row);
    }

    private TableScan() {}

    static void scan(StorageEngine engine, Table table, Visitor visitor) {
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.tablePrefix(table.id())), Direction.FORWARD)) {
            while (c.next()) {
                if (!visitor.visit(c.key(), RowCodec.decode(table, c.key(), c.value()))) {
                    return;
                }
            }
        }
    }
}
