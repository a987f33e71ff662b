package io.shaledb.server.slt;

import io.shaledb.server.EngineKind;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sqllogictest proof against ShaleDB, run in this JVM over the PostgreSQL protocol. While the
 * SQL language is being built most records fail; the test does not demand 100% yet but holds each
 * file to its floor in {@link SltBaseline}: fewer passing records than the floor fails the build,
 * more are reported ("raise the baseline"). The per-file table and the failure triage go to the
 * log and to target/slt/shaledb.md.
 *
 * <p>{@code -Dslt.engine=lsm} (or {@code memory}) runs the tables on another engine than the
 * default B+Tree.
 */
class SltShaleDbTest {
    private static final Logger log = LoggerFactory.getLogger(SltShaleDbTest.class);
    private static final List<SltOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
    private static SltBaseline baseline;
    private static SltTarget target;

    @BeforeAll
    static void setUp() throws IOException {
        baseline = SltBaseline.load();
        EngineKind engine = EngineKind.valueOf(System.getProperty("slt.engine", "btree").toUpperCase(java.util.Locale.ROOT));
        target = SltTarget.shaleDb(engine);
    }

    @AfterAll
    static void report() throws IOException {
        target.close();
        if (outcomes.isEmpty()) {
            return;
        }
        List<SltOutcome> sorted = new ArrayList<>(outcomes); // in file order: the dynamic tests run one after another
        String report = SltReport.markdown(sorted);
        log.info("sqllogictest on ShaleDB:\n{}", report);
        Files.createDirectories(SltSelection.reportDir());
        Files.writeString(SltSelection.reportDir().resolve("shaledb.md"), report);
        Map<String, Integer> measured = new TreeMap<>();
        sorted.forEach(o -> measured.put(o.file(), o.passed()));
        List<String> improved = sorted.stream().filter(o -> o.passed() > baseline.floor(o.file()))
                .map(o -> o.file() + " " + baseline.floor(o.file()) + " -> " + o.passed()).toList();
        if (SltBaseline.updateRequested()) {
            baseline.update(measured);
            log.info("wrote {} with the counts of {} files", SltBaseline.FILE, measured.size());
        } else if (!improved.isEmpty()) {
            log.warn("ShaleDB passes more sqllogictest records than its baseline; raise the baseline with"
                    + " -Dslt.updateBaseline=true:\n  {}", String.join("\n  ", improved));
        }
    }

    @TestFactory
    Stream<DynamicTest> noFileFallsBelowItsBaseline() {
        return SltSelection.files().stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            SltOutcome outcome = SltSuite.runFile(target, file, SltSelection.queryTimeoutSeconds());
            outcomes.add(outcome);
            int floor = baseline.floor(file);
            if (outcome.passed() < floor && !SltBaseline.updateRequested()) {
                throw new AssertionError("ShaleDB regressed on " + file + ": " + outcome.passed() + " records pass, the"
                        + " baseline says " + floor + ". First failures:\n" + outcome.failures().stream().limit(5)
                        .map(SltOutcome.Failure::describe).reduce("", String::concat));
            }
        }));
    }
}
