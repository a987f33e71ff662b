package io.shaledb.sql.catalog;

import io.shaledb.sql.Engines;
import io.shaledb.sql.rows.Keys;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.WriteBatch;
import io.shaledb.txn.IsolationLevel;
import io.shaledb.txn.Transaction;
import io.shaledb.txn.TransactionManager;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration of the raw, non-transactional view keys of an earlier build ({@code 'c' 'v' name} →
 * {@code u8 1 | utf name | i16 n, n x utf column | i32 length + UTF-8 SQL}) into view objects of
 * the MVCC catalog. Rows first (one committed transaction), raw keys deleted after; a crash in
 * between leaves both and the next start only deletes the leftovers. Migrated views carry no
 * dependency records (their names resolve by name, as before) until they are re-created.
 */
final class LegacyViews {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyViews.class);

    private LegacyViews() {}

    static void migrate(Engines engines, TransactionManager txns, Catalog catalog) {
        StorageEngine engine = engines.catalogEngine();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.catalogViewsPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                keys.add(c.key().clone());
                values.add(c.value().clone());
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Transaction tx = txns.begin(IsolationLevel.READ_COMMITTED, false, 0);
        tx.beginStatement(() -> false, 0, true);
        int migrated = 0;
        for (byte[] value : values) {
            Raw raw = decode(value);
            if (catalog.relationExists(tx, raw.name())) {
                continue; // migrated before a crash that came ahead of the deletion below
            }
            catalog.createView(tx, new View(catalog.allocateId(), raw.name(), raw.columns(), List.of(), raw.sql(), List.of()));
            migrated++;
        }
        tx.commit();
        WriteBatch delete = new WriteBatch();
        keys.forEach(delete::delete);
        engine.apply(delete);
        LOG.info("migrated {} view(s) from raw view keys to transactional catalog format {}", migrated, CatalogCodec.VERSION);
    }

    private record Raw(String name, List<String> columns, String sql) {}

    private static Raw decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            byte version = in.readByte();
            if (version != 1) {
                throw new IllegalStateException("unknown raw view descriptor version " + version
                        + " (this build migrates version 1 only)");
            }
            String name = in.readUTF();
            int n = in.readShort();
            List<String> columns = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                columns.add(in.readUTF());
            }
            byte[] sql = new byte[in.readInt()];
            in.readFully(sql);
            return new Raw(name, columns, new String(sql, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt raw view descriptor", e);
        }
    }

}
