package io.shaledb.bench.commit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Runs {@code committers} platform threads, each committing one key after another through a
 * {@link CommitTarget} as fast as it acknowledges, for a warm-up and then a measured window.
 * A commit counts if it was acknowledged inside the window; its latency is from the call to the
 * acknowledgement.
 */
public final class CommitRun {

    private CommitRun() {}

    public static CommitResult run(CommitTarget target, int committers, Duration warmup, Duration duration)
            throws IOException {
        if (committers < 1) {
            throw new IllegalArgumentException("committers must be positive: " + committers);
        }
        CountDownLatch ready = new CountDownLatch(committers);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2]; // measureFrom, deadline; published by go.countDown()
        long[] counts = new long[committers];
        Histogram[] latencies = new Histogram[committers];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < committers; t++) {
            int id = t;
            latencies[t] = CommitResult.newHistogram();
            threads.add(Thread.ofPlatform().name("committer-" + t).start(() -> {
                ready.countDown();
                try {
                    go.await();
                    long measureFrom = window[0];
                    long deadline = window[1];
                    long seq = 0;
                    long count = 0;
                    Histogram h = latencies[id];
                    while (failure.get() == null) {
                        long start = System.nanoTime();
                        if (start >= deadline) {
                            break;
                        }
                        target.commit(id, seq++);
                        long end = System.nanoTime();
                        if (end >= measureFrom && end <= deadline) {
                            h.recordValue((end - start) / 1000);
                            count++;
                        }
                    }
                    counts[id] = count;
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        try {
            ready.await();
            long now = System.nanoTime();
            window[0] = now + warmup.toNanos();
            window[1] = window[0] + duration.toNanos();
            go.countDown();
            for (Thread th : threads) {
                th.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Throwable f = failure.get();
        if (f != null) {
            throw new IOException(target.label() + " failed with " + committers + " committers: " + f, f);
        }
        Histogram all = CommitResult.newHistogram();
        long total = 0;
        for (int t = 0; t < committers; t++) {
            all.add(latencies[t]);
            total += counts[t];
        }
        return new CommitResult(target.label(), committers, total, duration.toNanos() / 1e9, all);
    }
}
