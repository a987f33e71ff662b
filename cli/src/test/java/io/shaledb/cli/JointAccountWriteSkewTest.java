package io.shaledb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.server.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic write skew, through the front door: a couple's two accounts hold 100 each and
 * their combined balance must never go below zero. Each round, four sessions at once each
 * withdraw 101..120 from one of the two accounts, as one query string that debits, then checks
 * the sum and divides by zero (rolling the string back) when it went negative:
 *
 * <pre>
 *   UPDATE joint SET bal = bal - X WHERE id = A;
 *   SELECT 1 ... (200 times: the transaction stays open, so the round's withdrawals overlap)
 *   SELECT CASE WHEN sum(bal) &lt; 0 THEN 1/(count(*) - count(*)) ELSE 0 END FROM joint;
 *   INSERT INTO withdrawal VALUES ('T', A, X)
 * </pre>
 *
 * At most one withdrawal can succeed per round. Under snapshot isolation (REPEATABLE READ) two
 * withdrawals from different accounts each see the other account untouched, and both commit:
 * allowed there, and only logged. SERIALIZABLE must fail one of them with 40001; its retry then
 * sees the other's withdrawal and is declined. Every round checks that the money withdrawn is
 * exactly what the withdrawal rows say.
 *
 * <p>{@code -Dshaledb.bank.rounds=N} sets the number of rounds (25 by default, 1,000 under the
 * {@code soak} profile).
 */
class JointAccountWriteSkewTest {
    private static final Logger log = LoggerFactory.getLogger(JointAccountWriteSkewTest.class);

    private static final int WITHDRAWERS = 4;
    /** Cheap statements inside each withdrawal, so that withdrawals released together really run together. */
    private static final int WINDOW_STATEMENTS = 200;

    @TempDir
    static Path tmp;

    static ServerProcess server;

    @BeforeAll
    static void startServer() {
        server = ServerProcess.builder(tmp.resolve("data")).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"btree, serializable", "lsm, serializable", "btree, repeatable read", "lsm, repeatable read"})
    void jointBalanceStaysNonNegativeUnderSerializable(String engine, String isolation) throws Exception {
        String joint = "joint_" + engine + "_" + isolation.replace(' ', '_');
        String withdrawals = "withdrawal_" + engine + "_" + isolation.replace(' ', '_');
        int rounds = Integer.getInteger("shaledb.bank.rounds", BankInvariantTest.SOAK ? 1_000 : 25);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i <= WITHDRAWERS; i++) {
                connections.add(TxnClient.connect(server.pgPort()));
            }
            Connection admin = connections.get(WITHDRAWERS);
            TxnClient.runString(admin, "CREATE TABLE " + joint + " (id int PRIMARY KEY, bal bigint) USING " + engine
                    + "; CREATE TABLE " + withdrawals + " (tag text PRIMARY KEY, acc int, amount bigint) USING " + engine
                    + "; INSERT INTO " + joint + " VALUES (1, 100), (2, 100)");
            for (int i = 0; i < WITHDRAWERS; i++) {
                assumeTrue(TxnClient.setDefaultIsolation(connections.get(i), isolation),
                        "the server does not accept default_transaction_isolation = '" + isolation + "' yet");
                TxnClient.runString(connections.get(i), "SET lock_timeout = " + BankInvariantTest.LOCK_WAIT_GUARD_MILLIS);
            }

            BankInvariantTest.Stats stats = new BankInvariantTest.Stats();
            int skewedRounds = 0;
            for (int round = 0; round < rounds; round++) {
                TxnClient.runString(admin, "UPDATE " + joint + " SET bal = 100; DELETE FROM " + withdrawals);
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < WITHDRAWERS; i++) {
                    Connection c = connections.get(i);
                    String tag = "r" + round + "-" + i;
                    int account = 1 + i % 2;
                    threads.add(Thread.ofPlatform().start(() -> withdraw(c, joint, withdrawals, tag, account, start, stats)));
                }
                start.countDown();
                for (Thread t : threads) {
                    t.join();
                }
                long sum = TxnClient.queryLong(admin, "SELECT sum(bal) FROM " + joint);
                long withdrawn = TxnClient.queryLong(admin, "SELECT sum(amount) FROM " + withdrawals); // NULL (0) when none
                assertThat(sum).as("money withdrawn in round %d (%s, %s)", round, engine, isolation).isEqualTo(200 - withdrawn);
                if (sum < 0) {
                    skewedRounds++;
                }
            }
            log.info("joint account on {} at {}: {} withdrawals, {} declined, {} serialization failures, {} deadlocks retried; "
                            + "invariant broken in {} of {} rounds", engine, isolation, stats.committed, stats.declined,
                    stats.serializationFailures, stats.deadlocks, skewedRounds, rounds);
            assertThat(stats.failures).as("unexpected errors (%s, %s)", engine, isolation).isEmpty();
            assertThat(stats.committed.get()).as("withdrawals committed").isPositive();
            if (isolation.equals("serializable")) {
                assertThat(stats.serializationFailures.get())
                        .as("serialization failures: the round's withdrawals ran concurrently (%s)", engine).isPositive();
                assertThat(skewedRounds).as("rounds in which the joint balance went negative (%s, serializable)", engine).isZero();
            }
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** One withdrawal, retried on 40001/40P01 until it commits or the guard declines it. */
    private static void withdraw(Connection c, String joint, String withdrawals, String tag, int account,
                                 CountDownLatch start, BankInvariantTest.Stats stats) {
        long amount = 101 + ThreadLocalRandom.current().nextInt(20);
        List<String> statements = new ArrayList<>();
        statements.add("UPDATE " + joint + " SET bal = bal - " + amount + " WHERE id = " + account);
        for (int i = 0; i < WINDOW_STATEMENTS; i++) {
            statements.add("SELECT 1");
        }
        statements.add("SELECT CASE WHEN sum(bal) < 0 THEN 1/(count(*) - count(*)) ELSE 0 END FROM " + joint);
        statements.add("INSERT INTO " + withdrawals + " VALUES ('" + tag + "', " + account + ", " + amount + ")");
        try {
            start.await();
            for (int attempt = 1; ; attempt++) {
                try {
                    TxnClient.runAsOneString(c, statements);
                    stats.committed.incrementAndGet();
                    return;
                } catch (SQLException e) {
                    if ("22012".equals(e.getSQLState())) {
                        stats.declined.incrementAndGet(); // the guard: the couple would be overdrawn
                        return;
                    }
                    if (!TxnClient.isRetryable(e) || attempt == BankInvariantTest.MAX_ATTEMPTS) {
                        stats.failures.add(tag + ": " + TxnClient.describe(e));
                        return;
                    }
                    stats.retried(e);
                    TxnClient.backOff(attempt);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stats.failures.add(tag + ": interrupted");
        }
    }
}
