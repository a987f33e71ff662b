package io.shaledb.server.hermitage;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.server.hermitage.Hermitage.Level;
import io.shaledb.testkit.multisession.MultiSessionGolden;
import io.shaledb.testkit.multisession.MultiSessionRunner;
import io.shaledb.testkit.multisession.SessionScript;
import io.shaledb.testkit.multisession.TranscriptReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every expected transcript's verdict line must follow from the answers above it (the
 * read-uncommitted ones are written by hand), and docs/isolation.md must agree with the expected transcripts: the table a ShaleDB run that meets
 * its specification would produce, with PostgreSQL's verdicts from the files it recorded. Needs
 * no server, so it guards the document and the verdict lines of the hand-written read-uncommitted
 * files even when nothing else runs.
 */
class IsolationDocTest {

    @Test
    void docMatchesTheExpectedTranscripts() {
        Map<String, Map<Level, Boolean>> specified = expectedVerdicts();
        MultiSessionGolden.check(IsolationDoc.file(), IsolationDoc.render(specified, specified, postgresVerdicts()), false);
    }

    @TestFactory
    Stream<DynamicTest> verdictLinesFollowFromTheAnswers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String scenario : Hermitage.SCENARIOS) {
            for (Level level : Level.values()) {
                Path expected = Hermitage.expected(scenario, level);
                tests.add(DynamicTest.dynamicTest(expected.getFileName().toString(), expected.toUri(), () -> {
                    SessionScript script = SessionScript.parse(Files.readString(Hermitage.script(scenario)), Map.of("level", level.sql));
                    String transcript = MultiSessionGolden.read(expected);
                    MultiSessionRunner.Verdict verdict = MultiSessionRunner.judge(script, TranscriptReader.read(script, transcript));
                    assertThat(transcript).endsWith("\n" + verdict.line() + "\n");
                }));
            }
        }
        assertThat(Hermitage.dir().toFile().list((d, n) -> n.endsWith(".sql")))
                .as("every script in the directory is a listed scenario")
                .containsExactlyInAnyOrderElementsOf(Hermitage.SCENARIOS.stream().map(s -> s + ".sql").toList());
        return tests.stream();
    }

    /** The verdict lines of all expected transcripts. */
    static Map<String, Map<Level, Boolean>> expectedVerdicts() {
        Map<String, Map<Level, Boolean>> verdicts = new LinkedHashMap<>();
        for (String scenario : Hermitage.SCENARIOS) {
            Map<Level, Boolean> byLevel = new EnumMap<>(Level.class);
            for (Level level : Level.values()) {
                byLevel.put(level, Hermitage.expectedAnomaly(scenario, level));
            }
            verdicts.put(scenario, byLevel);
        }
        return verdicts;
    }

    /** PostgreSQL's verdicts: those of the files HermitagePostgresTest proves are PostgreSQL's. */
    static Map<String, Map<Level, Boolean>> postgresVerdicts() {
        Map<String, Map<Level, Boolean>> verdicts = new LinkedHashMap<>();
        for (String scenario : Hermitage.SCENARIOS) {
            Map<Level, Boolean> byLevel = new EnumMap<>(Level.class);
            for (Level level : Level.values()) {
                if (level.specifiedByPostgres()) {
                    byLevel.put(level, Hermitage.expectedAnomaly(scenario, level));
                }
            }
            verdicts.put(scenario, byLevel);
        }
        return verdicts;
    }
}
