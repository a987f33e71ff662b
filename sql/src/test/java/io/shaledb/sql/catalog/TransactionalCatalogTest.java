package io.shaledb.sql.catalog;

import io.shaledb.sql.CollectedRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.rows.Keys;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.WriteBatch;
import io.shaledb.storage.memory.MemoryEngine;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog in the engine: reopening, storage reclamation, legacy migration, unknown versions. */
class TransactionalCatalogTest {

    private static List<String> rows(SqlSession s, String sql) {
        return CollectedRows.asText(s, sql);
    }

    private static long keysWithPrefix(MemoryEngine engine, byte[] prefix) {
        long n = 0;
        try (Cursor c = engine.scan(KeyRange.prefix(prefix), Direction.FORWARD)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void committedDdlIsThereAfterReopenAndRolledBackDdlIsNot() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'a')");
            rows(s, "ALTER TABLE t ADD COLUMN w int DEFAULT 9; CREATE SEQUENCE q; CREATE UNIQUE INDEX ON t (v)");
            rows(s, "BEGIN; CREATE TABLE gone (a int); ALTER TABLE t RENAME TO t2");
            // the session is dropped with its block open, as a crash would
        }
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            assertThat(rows(s, "SELECT * FROM t")).containsExactly("[1, a, 9]");
            assertThat(rows(s, "SELECT nextval('q')")).containsExactly("[1]");
            assertThatThrownBy(() -> rows(s, "SELECT * FROM gone")).hasMessage("relation \"gone\" does not exist");
            assertThatThrownBy(() -> rows(s, "INSERT INTO t VALUES (2, 'a')")).hasMessageContaining("t_v_idx");
        }
    }

    @Test
    void truncateAndDropReclaimOldRowsAfterCommitAndRollbackReclaimsNewOnes() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3)");
            int before = db.catalog().table("t").storageId();
            assertThat(keysWithPrefix(engine, Keys.tablePrefix(before))).isEqualTo(3);
            rows(s, "BEGIN; TRUNCATE t; INSERT INTO t VALUES (7)");
            int during = db.catalog().table(null, "t").storageId();
            rows(s, "ROLLBACK");
            assertThat(db.catalog().table("t").storageId()).isEqualTo(before);
            assertThat(keysWithPrefix(engine, Keys.tablePrefix(before))).isEqualTo(3);
            rows(s, "TRUNCATE t");
            assertThat(keysWithPrefix(engine, Keys.tablePrefix(before))).isZero();
            int after = db.catalog().table("t").storageId();
            assertThat(after).isNotEqualTo(before);
            rows(s, "INSERT INTO t VALUES (4); DROP TABLE t");
            assertThat(keysWithPrefix(engine, Keys.tablePrefix(after))).isZero();
            assertThat(during).isEqualTo(before); // a lookup outside the transaction sees the committed table
        }
    }

    @Test
    void orphanedRowsAreSweptAtStart() {
        MemoryEngine engine = new MemoryEngine();
        engine.put(new byte[] {'t', 0, 0, 0, 42, 1}, new byte[] {1});
        engine.put(new byte[] {'t', 0, 0, 0, 42, 2}, new byte[] {1});
        try (SqlDatabase db = new SqlDatabase(engine)) {
            assertThat(keysWithPrefix(engine, Keys.tablePrefix(42))).isZero();
        }
    }

    @Test
    void aLegacyRawCatalogIsMigratedOnce() throws IOException {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE old (id int PRIMARY KEY, v text); INSERT INTO old VALUES (1, 'x'), (2, 'y')");
        }
        // turn the catalog back into what the previous release wrote: a raw format-2 descriptor
        WriteBatch b = new WriteBatch();
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.catalogObjectsPrefix()), Direction.FORWARD)) {
            while (c.next()) {
                b.delete(c.key().clone());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(2);
        out.writeInt(1);
        out.writeUTF("old");
        out.writeShort(2);
        out.writeUTF("id");
        out.writeUTF("integer");
        out.writeInt(-1);
        out.writeBoolean(true);
        out.writeUTF("v");
        out.writeUTF("text");
        out.writeInt(-1);
        out.writeBoolean(false);
        out.writeShort(1);
        out.writeShort(0);
        out.writeUTF(engine.name());
        b.put(new byte[] {'c', 't', 0, 0, 0, 1}, bytes.toByteArray());
        engine.apply(b);

        for (int round = 0; round < 2; round++) {
            try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
                assertThat(rows(s, "SELECT * FROM old WHERE id < 10 ORDER BY id")).containsExactly("[1, x]", "[2, y]");
                assertThat(keysWithPrefix(engine, Keys.legacyCatalogTablesPrefix())).isZero();
                rows(s, "INSERT INTO old VALUES (" + (10 + round) + ", 'z')");
            }
        }
    }

    @Test
    void aCatalogObjectOfAnUnknownVersionFailsTheStartClearly() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE t (a int)");
        }
        try (Cursor c = engine.scan(KeyRange.prefix(Keys.catalogObjectsPrefix()), Direction.FORWARD)) {
            c.next();
            byte[] key = c.key().clone();
            byte[] value = c.value().clone();
            // the version byte of the payload follows the MVCC header (u8 format, u8 flags, 2 x u64, 2 x u32)
            value[26] = 9;
            engine.put(key, value);
        }
        assertThatThrownBy(() -> new SqlDatabase(engine)).hasMessageContaining("unknown catalog object version 9");
    }
}
