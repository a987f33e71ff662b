package io.shaledb.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.sql.ColumnInfo;
import io.shaledb.sql.ResultSink;
import io.shaledb.sql.SqlDatabase;
import io.shaledb.sql.SqlSession;
import io.shaledb.storage.btree.BTreeEngine;
import io.shaledb.storage.btree.BTreeOptions;
import io.shaledb.common.fs.CrashSimulatingFileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** EXPLAIN (ANALYZE, BUFFERS) reports the B+Tree buffer pool pages a statement touched. */
class ExplainBuffersTest {

    @Test
    void aScanCountsItsPagesAndTheAggregateIncludesThem() {
        BTreeEngine engine = BTreeEngine.open(new CrashSimulatingFileSystem(), Path.of("/b"),
                BTreeOptions.defaults().withPageSize(4096).withBufferPoolBytes(256 * 4096));
        try (SqlDatabase db = new SqlDatabase(engine); SqlSession s = db.openSession()) {
            lines(s, "CREATE TABLE t (id int PRIMARY KEY, pad text)");
            lines(s, "INSERT INTO t SELECT g, repeat('x', 200) FROM generate_series(1, 800) g");
            List<String> lines = lines(s, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM t");
            assertThat(lines.get(0)).isEqualTo("Aggregate (actual rows=1 loops=1)");
            assertThat(lines.get(1)).matches("  Buffers: shared hit=\\d+( read=\\d+)?");
            assertThat(lines.get(2)).isEqualTo("  ->  Seq Scan on t (actual rows=800 loops=1)");
            assertThat(lines.get(3)).matches("        Buffers: shared hit=\\d+( read=\\d+)?");
            // 800 rows of ~210 bytes on 4 kB pages: some forty leaf pages were visited
            assertThat(hits(lines.get(3))).isGreaterThan(30);
            assertThat(hits(lines.get(1))).isGreaterThanOrEqualTo(hits(lines.get(3)));
            List<String> plain = lines(s, "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT count(*) FROM t");
            assertThat(plain).noneMatch(l -> l.contains("Buffers"));
        }
    }

    /** The first column of each row {@code sql} returns. */
    private static List<String> lines(SqlSession s, String sql) {
        List<String> out = new ArrayList<>();
        s.execute(sql, new ResultSink() {
            @Override
            public void columns(List<ColumnInfo> columns) {}

            @Override
            public void row(Object[] values) {
                out.add(String.valueOf(values[0]));
            }

            @Override
            public void complete(String commandTag) {}

            @Override
            public void emptyQuery() {}
        });
        return out;
    }

    private static long hits(String line) {
        Matcher m = Pattern.compile("hit=(\\d+)").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
