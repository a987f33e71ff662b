package io.shaledb.bench.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnWorkloadTest {

    @Test
    void uncontendedScriptUpdatesThenReadsOneRandomAccountOfTheTable() {
        assertThat(TxnWorkload.UNCONTENDED.script(Isolation.REPEATABLE_READ, 100_000, 10)).isEqualTo("""
                \\set aid random(1, 100000)
                \\set delta random(-5000, 5000)
                BEGIN ISOLATION LEVEL repeatable read;
                UPDATE accounts SET abalance = abalance + :delta WHERE aid = :aid;
                SELECT abalance FROM accounts WHERE aid = :aid;
                COMMIT;
                """);
    }

    @Test
    void contendedWorkloadsPickFromTheHotRowsOnly() {
        assertThat(TxnWorkload.CONTENDED.script(Isolation.SERIALIZABLE, 100_000, 10))
                .startsWith("\\set aid random(1, 10)\n").contains("BEGIN ISOLATION LEVEL serializable;\n");
        String transfer = TxnWorkload.TRANSFER.script(Isolation.READ_COMMITTED, 100_000, 10);
        assertThat(transfer).contains("\\set src random(1, 10)", "\\set dst random(1, 10)",
                "BEGIN ISOLATION LEVEL read committed;",
                "UPDATE accounts SET abalance = abalance - :amount WHERE aid = :src;",
                "UPDATE accounts SET abalance = abalance + :amount WHERE aid = :dst;", "COMMIT;");
        // never more hot rows than rows
        assertThat(TxnWorkload.CONTENDED.accounts(5, 10)).isEqualTo(5);
    }

    @Test
    void namesParseAsTheCommandLineSpellsThem() {
        assertThat(Isolation.parse("read-committed")).isEqualTo(Isolation.READ_COMMITTED);
        assertThat(Isolation.parse("REPEATABLE_READ")).isEqualTo(Isolation.REPEATABLE_READ);
        assertThat(Isolation.parse(" Serializable ")).isEqualTo(Isolation.SERIALIZABLE);
        assertThatThrownBy(() -> Isolation.parse("read uncommitted")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serializable");
        assertThat(TxnWorkload.parse("transfer")).isEqualTo(TxnWorkload.TRANSFER);
        assertThatThrownBy(() -> TxnWorkload.parse("tpcb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShaleServer.parseEngine("memory")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("btree");
    }

    @Test
    void loadStatementsAreMultiRowInserts() {
        assertThat(AccountsTable.insert(1, 3)).isEqualTo("INSERT INTO accounts (aid, abalance) VALUES (1, 0), (2, 0), (3, 0)");
    }

    @Test
    void pgbenchRunsInSimpleModeWithRetries() {
        List<String> args = Pgbench.arguments(new Endpoint("127.0.0.1", 5433, "postgres", "postgres"), Path.of("s.sql"),
                4, 2, 20, 10);
        assertThat(String.join(" ", args)).isEqualTo("-h 127.0.0.1 -p 5433 -U postgres -n -M simple -c 4 -j 2 -T 20"
                + " --max-tries=10 --failures-detailed -f s.sql postgres");
    }

    @Test
    void summaryHasTpsRatioAndAbortsPerServerAndMarksErrors() {
        TxnSuite.Config config = new TxnSuite.Config(List.of(TxnWorkload.CONTENDED),
                List.of(Isolation.READ_COMMITTED, Isolation.SERIALIZABLE), List.of("btree"), 1000, 10, 4, 2, 0, 1, 10,
                "1g", null, List.of(), Path.of("/tmp"));
        PgbenchResult pg = new PgbenchResult(900, 10, 10, 0, 100, 150, 4.0, 1000.0);
        PgbenchResult shale = new PgbenchResult(500, 0, 0, 0, 0, 0, 8.0, 500.0);
        TxnSuite.Results r = new TxnSuite.Results(config, "pgbench (PostgreSQL) 15.18",
                List.of(new TxnSuite.ServerInfo("postgresql", "pg"), new TxnSuite.ServerInfo("shaledb-btree", "shale")),
                List.of(new TxnSuite.Cell(TxnWorkload.CONTENDED, Isolation.READ_COMMITTED, "postgresql", pg, null),
                        new TxnSuite.Cell(TxnWorkload.CONTENDED, Isolation.READ_COMMITTED, "shaledb-btree", shale, null),
                        new TxnSuite.Cell(TxnWorkload.CONTENDED, Isolation.SERIALIZABLE, "postgresql", pg, null),
                        new TxnSuite.Cell(TxnWorkload.CONTENDED, Isolation.SERIALIZABLE, "shaledb-btree", null,
                                "pgbench: error: client 0 script 0 aborted in command 3 query 0: ERROR:  boom")),
                Duration.ofSeconds(5));

        String summary = TxnReport.summary(r);
        assertThat(summary.lines().toList()).hasSize(4);
        assertThat(summary.lines().toList().get(0)).contains("postgresql tps", "shaledb-btree tps",
                "shaledb-btree ÷ postgresql", "postgresql failed / retried", "shaledb-btree failed / retried");
        assertThat(summary.lines().toList().get(2)).contains("contended update", "READ COMMITTED", "1,000", "500",
                "0.50×", "1.10% / 10.99%", "0.00% / 0.00%");
        assertThat(summary.lines().toList().get(3)).contains("SERIALIZABLE", "error", "n/a");
        String report = TxnReport.render(r);
        assertThat(report).contains("**1 run(s) failed**", "shaledb-btree, contended update, SERIALIZABLE",
                "ERROR:  boom", "10 (10 + 0)");
    }
}
