package io.shaledb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchMainTest {

    @Test
    void helpOfEverySubcommand() {
        assertThat(BenchMain.run("--help")).isZero();
        assertThat(BenchMain.run("peers", "--help")).isZero();
        assertThat(BenchMain.run("commits", "--help")).isZero();
        assertThat(BenchMain.run("engines", "--help")).isZero();
        assertThat(BenchMain.run("txn", "--help")).isZero();
        assertThat(BenchMain.run("query", "--help")).isZero();
        assertThat(BenchMain.run("all", "--help")).isZero();
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(BenchMain.run("peers", "--no-such-option")).isEqualTo(2);
        assertThat(BenchMain.run("peers", "--profile", "bogus")).isEqualTo(2);
        assertThat(BenchMain.run("peers", "--stores", "bogus")).isEqualTo(2);
        assertThat(BenchMain.run("commits", "--wal-sync", "OFF")).isEqualTo(2);
        assertThat(BenchMain.run("engines", "--stores", "bogus")).isEqualTo(2);
        assertThat(BenchMain.run("engines", "--sync", "GROUP_DELAY")).isEqualTo(2);
        assertThat(BenchMain.run("engines", "--memtable-mb", "64", "--level1-mb", "16")).isEqualTo(2);
        assertThat(BenchMain.run("txn", "--levels", "read-uncommitted")).isEqualTo(2);
        assertThat(BenchMain.run("txn", "--workloads", "tpcb")).isEqualTo(2);
        assertThat(BenchMain.run("txn", "--engines", "memory")).isEqualTo(2);
        assertThat(BenchMain.run("txn", "--threads", "8", "--clients", "4")).isEqualTo(2);
        assertThat(BenchMain.run("txn", "--pg-setting", "deadlock_timeout")).isEqualTo(2);
        assertThat(BenchMain.run("query", "--queries", "no-such-query")).isEqualTo(2);
        assertThat(BenchMain.run("query", "--engine", "memory")).isEqualTo(2);
        assertThat(BenchMain.run("query", "--iterations", "0")).isEqualTo(2);
        assertThat(BenchMain.run("query", "--products", "3")).isEqualTo(2);
        assertThat(BenchMain.run("query", "--pg-setting", "jit")).isEqualTo(2);
    }

    @Test
    void markdownTableAlignsColumns() {
        String t = new MarkdownTable("a", "bb").row("x", "1").row("longer", "22").render();
        assertThat(t).isEqualTo("""
                | a      |  bb |
                | ------ | --: |
                | x      |   1 |
                | longer |  22 |
                """);
        assertThat(MarkdownTable.text("a", "b").row("x", "y").render()).contains("| --- | --- |");
        assertThat(new MarkdownTable("a", "b", "c").leftColumns(2).row("x", "y", "1").render())
                .contains("| --- | --- | --: |").contains("| x   | y   |   1 |");
    }
}
