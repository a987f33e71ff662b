package io.shaledb.sql.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.CollectedRows;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.types.SqlType;
import io.shaledb.storage.memory.MemoryEngine;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Row estimates on tables smaller than the sample, where ShaleDB's statistics equal PostgreSQL's,
 * against the {@code rows=} PostgreSQL 15 printed for the same data and condition (its EXPLAIN
 * of {@code SELECT * FROM z WHERE ...}; recorded from a real server).
 */
class PostgresEstimatesTest {
    private static SqlDatabase db;
    private static TableStats z;
    private static TableStats u;

    @BeforeAll
    static void load() {
        db = new SqlDatabase(new MemoryEngine());
        try (SqlSession s = db.openSession()) {
            for (String sql : List.of(
                    "CREATE TABLE z (v int, w text, x int)",
                    "INSERT INTO z SELECT 1000 / g, CASE WHEN g % 10 = 0 THEN NULL ELSE chr(97 + (g * g) % 26) || (g % 13) END,"
                            + " g % 300 FROM generate_series(1, 2000) g",
                    "CREATE TABLE u (id int, grp int)",
                    "INSERT INTO u SELECT g, g % 50 FROM generate_series(1, 5000) g",
                    "CREATE TABLE p2 (a int, b int)",
                    "INSERT INTO p2 SELECT g, g FROM generate_series(1, 10000) g",
                    "ANALYZE")) {
                CollectedRows.of(s, sql);
            }
        }
        z = stats("z");
        u = stats("u");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static TableStats stats(String table) {
        Table t = db.catalog().table(table);
        return db.statistics().table(null, t);
    }

    private static double rows(TableStats t, double selectivity) {
        return Selectivity.clampRows(selectivity * t.reltuples());
    }

    private static ColumnEstimates z(String column, SqlType type) {
        return Selectivity.column(z, column, type, 0);
    }

    @Test
    void tableSizes() {
        assertThat(z.reltuples()).isEqualTo(2000);
        assertThat(z.relpages()).isEqualTo(11);
        assertThat(u.relpages()).isEqualTo(23);
        assertThat(stats("p2").relpages()).isEqualTo(45);
    }

    @Test
    void relationSizesAsPostgresEstimatesThem() {
        try (SqlSession s = db.openSession()) {
            for (String sql : List.of(
                    "CREATE TABLE n1 (a int, b text)",
                    "CREATE TABLE n2 (a int, v varchar(10), c char(5), n numeric, d timestamptz, u uuid, j jsonb, arr int[])",
                    "CREATE TABLE n3 (a int, b bigint)",
                    "INSERT INTO n3 SELECT g, g FROM generate_series(1, 1000) g")) {
                CollectedRows.of(s, sql);
            }
        }
        // never analyzed: at least 10 pages of rows as wide as the types suggest (EXPLAIN rows=, width=)
        assertThat(size("n1")).isEqualTo(new RelationSize(1270, 10, 36, false));
        assertThat(size("n2")).isEqualTo(new RelationSize(380, 10, 186, false));
        assertThat(size("n3")).isEqualTo(new RelationSize(2040, 10, 12, false));
        // analyzed and unchanged since: reltuples and relpages
        assertThat(size("z")).isEqualTo(new RelationSize(2000, 11, 11, true));
    }

    private static RelationSize size(String table) {
        return db.statistics().size(null, db.catalog().table(table));
    }

    @Test
    void restrictions() {
        SoftAssertions soft = new SoftAssertions();
        ColumnEstimates v = z("v", SqlType.INTEGER);
        ColumnEstimates w = z("w", SqlType.TEXT);
        ColumnEstimates x = z("x", SqlType.INTEGER);
        soft.assertThat(rows(z, v.eq(1))).isEqualTo(500);
        soft.assertThat(rows(z, v.eq(11))).isEqualTo(7);
        soft.assertThat(rows(z, v.eq(500))).isEqualTo(1);
        soft.assertThat(rows(z, v.lt(15))).isEqualTo(1934);
        soft.assertThat(rows(z, v.gt(15))).isEqualTo(62);
        soft.assertThat(rows(z, v.le(100))).isEqualTo(1991);
        soft.assertThat(rows(z, x.ge(100))).isEqualTo(1301);
        soft.assertThat(rows(z, x.between(100, 150))).isEqualTo(352);
        soft.assertThat(rows(z, x.in(List.of(1, 2, 200)))).isEqualTo(21);
        soft.assertThat(rows(z, w.isNull())).isEqualTo(200);
        soft.assertThat(rows(z, w.isNotNull())).isEqualTo(1800);
        soft.assertThat(rows(z, w.ne("b1"))).isEqualTo(1723);
        soft.assertThat(rows(z, w.lt("m"))).isEqualTo(768);
        soft.assertThat(rows(z, w.like("q%"))).isEqualTo(123);
        soft.assertThat(rows(stats("p2"), Selectivity.column(stats("p2"), "a", SqlType.INTEGER, 0).eq(5))).isEqualTo(1);
        // the same through the planner's entry point
        soft.assertThat(rows(z, db.statistics().column(null, db.catalog().table("z"), "v").lt(15))).isEqualTo(1934);
        soft.assertAll();
    }

    @Test
    void joinsAndGroups() {
        ColumnEstimates zx = z("x", SqlType.INTEGER);
        ColumnEstimates zv = z("v", SqlType.INTEGER);
        ColumnEstimates id = Selectivity.column(u, "id", SqlType.INTEGER, 0);
        ColumnEstimates grp = Selectivity.column(u, "grp", SqlType.INTEGER, 0);
        double cross = z.reltuples() * u.reltuples();
        assertThat(Selectivity.clampRows(Selectivity.eqJoin(zx, id) * cross)).isEqualTo(2000);
        assertThat(Selectivity.clampRows(Selectivity.eqJoin(zv, grp) * cross)).isEqualTo(198_700);
        assertThat(Selectivity.groups(List.of(zx), 2000, 2000)).isEqualTo(300);
        assertThat(Selectivity.groups(List.of(zv, zx), 2000, 2000)).isEqualTo(300);
    }
}
