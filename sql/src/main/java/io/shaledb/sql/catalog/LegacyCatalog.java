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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration of the raw catalog of earlier releases (format versions 1 and 2: one plain key per
 * table under {@code 'c' 't'}, written outside transactions) into catalog rows. The rows are
 * written and committed first, the raw keys deleted after; a crash in between leaves both, and
 * the next start finds the rows and only deletes the leftovers.
 */
final class LegacyCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyCatalog.class);

    private LegacyCatalog() {}

    static boolean exists(Engines engines) {
        try (Cursor c = engines.catalogEngine().scan(KeyRange.prefix(Keys.legacyCatalogTablesPrefix()), Direction.FORWARD)) {
            return c.next();
        }
    }

    /** Migrates the raw descriptors unless {@code current} already holds the catalog; returns the tables. */
    static Map<String, Table> migrate(Engines engines, TransactionManager txns, Catalog catalog, Map<String, Table> current) {
        StorageEngine engine = engines.catalogEngine();
        List<byte[]> keys = new ArrayList<>();
        List<Table> legacy = new ArrayList<>();
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.legacyCatalogTablesPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                keys.add(c.key().clone());
                legacy.add(CatalogCodec.decodeLegacyTable(c.value(), engines.catalogName()));
            }
        }
        Map<String, Table> tables = new java.util.HashMap<>(current);
        if (current.isEmpty()) {
            Transaction tx = txns.begin(IsolationLevel.READ_COMMITTED, false, 0);
            tx.beginStatement(() -> false, 0, true);
            for (Table t : legacy) {
                tx.insert(catalog.relation(), Catalog.objectKey(t.name()), CatalogCodec.encodeTable(t));
                tables.put(t.name(), t);
            }
            tx.commit();
            LOG.info("migrated {} table descriptor(s) of catalog format 1/2 to transactional catalog format {}",
                    legacy.size(), CatalogCodec.VERSION);
        }
        WriteBatch delete = new WriteBatch();
        keys.forEach(delete::delete);
        engine.apply(delete);
        return tables;
    }
}
