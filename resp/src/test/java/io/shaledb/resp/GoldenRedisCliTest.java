package io.shaledb.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's key-value examples as a redis-cli script: {@code golden/seed.redis} is fed to an
 * unmodified {@code redis-cli --no-raw} connected to ShaleDB and its output must equal
 * {@code golden/seed.out} (regenerate with {@code -Dgolden.update=true} and read the diff). When a
 * real redis-server is installed the same script runs there too and must print the same, so the
 * expected file is Redis's behaviour, not ours. Skipped loudly without redis-cli.
 */
class GoldenRedisCliTest {
    private static final Logger log = LoggerFactory.getLogger(GoldenRedisCliTest.class);
    private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TempDir
    Path tmp;

    @Test
    void seedScript() throws Exception {
        if (!Files.isExecutable(REDIS_CLI)) {
            log.warn("SKIPPING: {} is not installed (apt-get install -y redis-tools)", REDIS_CLI);
            Assumptions.abort("redis-cli is not installed");
        }
        Path script = GOLDEN.resolve("seed.redis");
        Path expectedFile = GOLDEN.resolve("seed.out");
        String actual;
        try (TestServer shale = new TestServer()) {
            actual = runScript(shale.port(), script);
        }
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            log.info("rewrote {}", expectedFile);
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
        if (RedisPeer.available()) {
            try (RedisPeer redis = new RedisPeer(tmp)) {
                assertThat(runScript(redis.port(), script)).as("real Redis prints").isEqualTo(actual);
            }
        }
    }

    private static String runScript(int port, Path script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(REDIS_CLI.toString(), "-p", Integer.toString(port), "--no-raw"))
                .redirectInput(script.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("redis-cli did not finish");
        }
        return out;
    }
}
