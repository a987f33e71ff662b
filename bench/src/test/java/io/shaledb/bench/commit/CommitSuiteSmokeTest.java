package io.shaledb.bench.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.wal.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit suite runs end to end on tiny windows and reports every run. */
class CommitSuiteSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void suiteMeasuresCeilingAndEveryCommitterCount() throws Exception {
        CommitSuite.Config config = new CommitSuite.Config(List.of(1, 4, 64), Duration.ofMillis(50),
                Duration.ofMillis(200), SyncMode.SYNC, tmp);
        CommitSuite.Results r = new CommitSuite(config, CommitSuite.defaultTargets(), System.err).run();

        assertThat(r.ceilingBefore().commits()).isPositive();
        assertThat(r.ceilingAfter().commits()).isPositive();
        assertThat(r.results()).extracting(CommitResult::committers).containsExactly(1, 4, 64, 1, 4, 64);
        assertThat(r.results()).allSatisfy(c -> assertThat(c.commits()).isPositive());
        String table = CommitSuite.table(r);
        assertThat(table).contains("4 KiB append + fdatasync (before)").contains("wal.commit only (SYNC)")
                .contains("shaledb-btree put (WAL SYNC)");
        assertThat(CommitSuite.verdicts(r)).hasSize(2).allSatisfy(v -> assertThat(v).contains("64 committers"));
        assertThat(tmp).isEmptyDirectory();
    }
}
