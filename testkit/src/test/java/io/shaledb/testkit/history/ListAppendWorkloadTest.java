package io.shaledb.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.shaledb.testkit.peer.PostgresPeer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The workload driver: parsing what the server returns, and outcomes when connections break. */
class ListAppendWorkloadTest {

    @Test
    void parsesTheCommaSeparatedList() {
        assertThat(ListAppendWorkload.parse("")).isEmpty();
        assertThat(ListAppendWorkload.parse(",0_1")).containsExactly("0_1");
        assertThat(ListAppendWorkload.parse(",0_1,3_7")).containsExactly("0_1", "3_7");
        // anything else stays visible, so the checker reports it as garbage
        assertThat(ListAppendWorkload.parse("x,,y")).containsExactly("x", "", "y");
        assertThat(ListAppendWorkload.parse(null)).containsExactly("<null>");
    }

    @Test
    void connectionsDroppedAtCommitGiveUnknownOutcomesThatTheCheckerHandles() throws Exception {
        Optional<PostgresPeer> started = PostgresPeer.builder().setting("deadlock_timeout", "100ms").startIfAvailable();
        assumeTrue(started.isPresent(), () -> "SKIPPED: PostgreSQL is not installed: " + PostgresPeer.whatIsMissing().orElse(""));
        try (PostgresPeer pg = started.get()) {
            String url = pg.jdbcUrl("postgres") + "?preferQueryMode=simple";
            Random faults = new Random(42);
            ListAppendWorkload workload = new ListAppendWorkload(
                    () -> dropsSomeCommits(DriverManager.getConnection(url, pg.user(), ""), faults),
                    ListAppendWorkload.Config.defaults("SERIALIZABLE").withClients(4).withDuration(Duration.ofSeconds(2)));
            workload.setUp();
            ListAppendWorkload.Result result = workload.run();
            CheckReport report = result.checkSerializable();
            System.out.println(result + "\n" + report);

            List<Txn> unknown = result.history().transactions().stream().filter(t -> t.outcome() == Txn.Outcome.UNKNOWN).toList();
            assertThat(unknown).as("transactions whose COMMIT lost its connection").isNotEmpty();
            assertThat(result.unexpectedErrors()).allMatch(e -> e.contains("08006: injected"));
            // some of them committed (their appends are in the final state), some did not
            Set<String> finalElements = new HashSet<>();
            result.history().finalState().values().forEach(finalElements::addAll);
            Set<Boolean> landed = new HashSet<>();
            for (Txn t : unknown) {
                t.ops().stream().filter(op -> op instanceof MicroOp.Append).findFirst()
                        .ifPresent(op -> landed.add(finalElements.contains(((MicroOp.Append) op).element())));
            }
            assertThat(landed).as("unknown transactions that did and did not commit").containsExactlyInAnyOrder(true, false);
            report.assertValid();
        }
    }

    /** Drops about one COMMIT in ten: half of them before it reaches the server, half after it committed. */
    private static Connection dropsSomeCommits(Connection real, Random faults) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object value = invoke(real, method, args);
                    if (method.getName().equals("createStatement") && (args == null || args.length == 0)) {
                        Statement statement = (Statement) value;
                        return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                                (p, m, a) -> {
                                    boolean drop = m.getName().equals("execute") && "COMMIT".equals(a[0]) && faults.nextInt(10) == 0;
                                    if (!drop) {
                                        return invoke(statement, m, a);
                                    }
                                    boolean afterCommit = faults.nextBoolean();
                                    if (afterCommit) {
                                        invoke(statement, m, a);
                                    }
                                    real.abort(Runnable::run);
                                    throw new SQLException("injected: connection dropped " + (afterCommit ? "after" : "before")
                                            + " COMMIT", "08006");
                                });
                    }
                    return value;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
