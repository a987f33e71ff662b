package io.shaledb.sql.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlException;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.rows.Keys;
import io.shaledb.storage.Cursor;
import io.shaledb.storage.Direction;
import io.shaledb.storage.KeyRange;
import io.shaledb.storage.memory.MemoryEngine;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Views and schemas in the MVCC catalog: reopening, isolation, cascades, migration of raw view keys. */
class ViewsAndSchemasCatalogTest {

    private static List<String> rows(SqlSession s, String sql) {
        List<String> out = new ArrayList<>();
        s.execute(sql, new ResultSink() {
            @Override
            public void columns(List<ColumnInfo> columns) {}

            @Override
            public void row(Object[] values) {
                out.add(java.util.Arrays.toString(values));
            }

            @Override
            public void complete(String tag) {}

            @Override
            public void emptyQuery() {}
        });
        return out;
    }

    @Test
    void committedViewsAndSchemasSurviveReopenAndUncommittedOnesNeverAppear() {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "CREATE SCHEMA s; CREATE TABLE s.t (a int, b int); INSERT INTO s.t VALUES (1, 2)");
            rows(s, "CREATE VIEW v AS SELECT a, b FROM s.t; CREATE VIEW s.w AS SELECT a + b AS total FROM v");
            rows(s, "ALTER TABLE s.t RENAME TO u; ALTER TABLE s.u RENAME COLUMN a TO z");
            rows(s, "BEGIN; CREATE SCHEMA gone; CREATE VIEW gone.x AS SELECT 1; CREATE VIEW y AS SELECT 2; DROP VIEW s.w");
            // the session is dropped with its block open, as a crash would
        }
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            assertThat(rows(s, "SELECT * FROM v")).containsExactly("[1, 2]");
            assertThat(rows(s, "SELECT * FROM s.w")).containsExactly("[3]");
            assertThatThrownBy(() -> rows(s, "SELECT * FROM y")).hasMessage("relation \"y\" does not exist");
            assertThatThrownBy(() -> rows(s, "SELECT * FROM gone.x")).hasMessage("relation \"gone.x\" does not exist");
            assertThatThrownBy(() -> rows(s, "CREATE TABLE gone.t (a int)")).hasMessage("schema \"gone\" does not exist");
            // dependencies survived too
            assertThatThrownBy(() -> rows(s, "DROP TABLE s.u")).isInstanceOf(SqlException.class)
                    .hasMessage("cannot drop table s.u because other objects depend on it");
            assertThatThrownBy(() -> rows(s, "ALTER TABLE s.u DROP COLUMN z"))
                    .hasMessage("cannot drop column z of table s.u because other objects depend on it");
        }
    }

    @Test
    void otherSessionsSeeViewsAndSchemasOnlyAfterCommit() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession a = db.openSession(); SqlSession b = db.openSession()) {
            rows(a, "BEGIN; CREATE SCHEMA s; CREATE VIEW s.v AS SELECT 7 AS seven");
            assertThat(rows(a, "SELECT * FROM s.v")).containsExactly("[7]");
            assertThatThrownBy(() -> rows(b, "SELECT * FROM s.v")).hasMessage("relation \"s.v\" does not exist");
            rows(a, "COMMIT");
            assertThat(rows(b, "SELECT * FROM s.v")).containsExactly("[7]");
        }
    }

    @Test
    void cascadesFollowDependencyChainsAcrossSchemas() {
        try (SqlDatabase db = new SqlDatabase(new MemoryEngine()); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t; CREATE VIEW w AS SELECT a FROM v");
            SqlException e = catchSql(() -> rows(s, "DROP TABLE t"));
            assertThat(e.detail()).isEqualTo("view v depends on table t\nview w depends on view v");
            rows(s, "DROP TABLE t CASCADE");
            assertThat(db.catalog().views(null)).isEmpty();

            rows(s, "CREATE SCHEMA s; CREATE TABLE s.t (a int, b serial); CREATE SEQUENCE s.q; CREATE VIEW s.sv AS SELECT a FROM s.t");
            rows(s, "CREATE VIEW pv AS SELECT a FROM s.sv");
            e = catchSql(() -> rows(s, "DROP SCHEMA s"));
            assertThat(e.detail()).isEqualTo("table s.t depends on schema s\nsequence s.q depends on schema s\n"
                    + "view s.sv depends on schema s");
            rows(s, "BEGIN; DROP SCHEMA s CASCADE");
            assertThat(db.catalog().views(null)).hasSize(2); // not committed yet
            rows(s, "COMMIT");
            assertThat(db.catalog().views(null)).isEmpty();
            assertThat(db.catalog().tables(null)).isEmpty();
            assertThatThrownBy(() -> rows(s, "SELECT nextval('s.t_b_seq')")).hasMessage("relation \"s.t_b_seq\" does not exist");
        }
    }

    @Test
    void rawViewKeysOfAnEarlierBuildAreMigratedOnce() throws IOException {
        MemoryEngine engine = new MemoryEngine();
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            rows(s, "CREATE TABLE t (a int); INSERT INTO t VALUES (5)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(1);
        out.writeUTF("old");
        out.writeShort(1);
        out.writeUTF("x");
        byte[] sql = "SELECT a FROM t".getBytes(StandardCharsets.UTF_8);
        out.writeInt(sql.length);
        out.write(sql);
        engine.put(Keys.catalogViewKey("old"), bytes.toByteArray());
        for (int start = 0; start < 2; start++) {
            try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
                assertThat(rows(s, "SELECT x FROM old")).containsExactly("[5]");
                try (Cursor c = engine.scan(KeyRange.prefix(Keys.catalogViewsPrefix()), Direction.FORWARD)) {
                    assertThat(c.next()).isFalse();
                }
            }
        }
    }

    private static SqlException catchSql(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("expected an SqlException");
    }
}
