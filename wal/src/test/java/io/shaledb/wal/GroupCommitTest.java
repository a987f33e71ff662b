package io.shaledb.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.RealFileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Group commit on the real disk: concurrent committers share fsyncs. */
class GroupCommitTest {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitTest.class);
    private static final int THREADS = 8;
    private static final int COMMITS_PER_THREAD = 150;

    @Test
    void concurrentCommittersShareFsyncs(@TempDir Path tmp) throws Exception {
        WalStats stats = run(tmp.resolve("sync"), WalOptions.defaults(), THREADS);
        assertThat(stats.commits()).isEqualTo(THREADS * COMMITS_PER_THREAD);
        assertThat(stats.fsyncs()).isLessThan(stats.commits());
        assertThat(stats.averageGroupSize()).isGreaterThan(1.0);
    }

    @Test
    void aGroupDelayGathersLargerGroups(@TempDir Path tmp) throws Exception {
        WalStats stats = run(tmp.resolve("delay"), WalOptions.defaults().withSyncMode(SyncMode.GROUP_DELAY)
                .withGroupCommitDelay(Duration.ofNanos(200_000)), THREADS);
        assertThat(stats.fsyncs()).isLessThan(stats.commits());
    }

    @Test
    void aSingleCommitterSyncsOncePerCommit(@TempDir Path tmp) throws Exception {
        WalStats stats = run(tmp.resolve("one"), WalOptions.defaults(), 1);
        assertThat(stats.fsyncs()).isEqualTo(stats.commits());
    }

    private static WalStats run(Path dir, WalOptions options, int threads) throws Exception {
        WalStats stats;
        long elapsed;
        try (Wal wal = Wal.open(RealFileSystem.INSTANCE, dir, options)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++) {
                byte[] payload = new byte[200];
                payload[0] = (byte) t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < COMMITS_PER_THREAD; i++) {
                            wal.commit(WalTest.T1, payload);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            elapsed = System.nanoTime() - t0;
            assertThat(errors).isEmpty();
            stats = wal.stats();
            assertThat(Rec.replayAll(wal)).hasSize(threads * COMMITS_PER_THREAD);
        }
        log.info("{} committer(s), {}: {} commits, {} fsyncs, {} commits/fsync, {} commits/s", threads,
                options.syncMode(), stats.commits(), stats.fsyncs(), String.format("%.1f", stats.averageGroupSize()),
                String.format("%.0f", stats.commits() / (elapsed / 1e9)));
        return stats;
    }
}
