package io.shaledb.sql;

import io.shaledb.storage.memory.MemoryEngine;
import io.shaledb.testkit.golden.GoldenScript;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every script in {@code src/test/resources/golden} against a fresh in-memory database and
 * compares with the {@code .out} transcript. Update with {@code -Dgolden.update=true}.
 */
class GoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        return GoldenScript.tests(GoldenScript.sourceDir("src/test/resources/golden"),
                () -> new PsqlRunner(new SqlDatabase(new MemoryEngine()).openSession()));
    }
}
