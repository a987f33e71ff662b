package io.shaledb.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.shaledb.common.fs.CrashSimulatingFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The crash property: writers append random records from several threads and wait for some of
 * them; the power fails at a random moment, keeping a random part of the unsynced writes and
 * tearing one; the log is reopened. Then the replayed log must be exactly a prefix of what was
 * appended (in LSN order, byte-identical, no half records, no garbage) that contains every
 * acknowledged record. Each seed runs several crash/recover rounds on the same disk, sometimes
 * truncating old segments between rounds.
 *
 * <p>The default run covers a few hundred seeds in well under a minute. For a soak run:
 * {@code ./mvnw -pl wal -am verify -Dshaledb.wal.soak=true [-Dshaledb.wal.soak.seeds=20000]}.
 */
class WalCrashPropertyTest {

    private static final Path DIR = Path.of("/data/wal");

    @Property(tries = 250)
    void acknowledgedRecordsSurviveAndTheLogIsAPrefix(@ForAll long seed) throws Exception {
        runScenario(seed);
    }

    @Test
    @EnabledIfSystemProperty(named = "shaledb.wal.soak", matches = "true")
    void soak() throws Exception {
        int seeds = Integer.getInteger("shaledb.wal.soak.seeds", 5000);
        Random random = new Random();
        for (int i = 0; i < seeds; i++) {
            runScenario(random.nextLong());
        }
    }

    /** One appended record and whether it was acknowledged as durable. */
    private record Appended(Rec rec, boolean acknowledged) {}

    static void runScenarioForTest(long seed) throws Exception {
        new WalCrashPropertyTest().runScenario(seed);
    }

    private void runScenario(long seed) throws Exception {
        Random random = new Random(seed);
        CrashSimulatingFileSystem fs = new CrashSimulatingFileSystem();
        SyncMode mode = SyncMode.values()[random.nextInt(3)];
        long segmentSize = new long[] {256, 2048, 16 << 10, 64 << 10}[random.nextInt(4)];
        WalOptions options = WalOptions.defaults()
                .withSegmentSize(segmentSize)
                .withWriteBufferSize(new int[] {64, 1024, 64 << 10}[random.nextInt(3)])
                .withSyncMode(mode)
                .withGroupCommitDelay(Duration.ofNanos(random.nextInt(50_000)))
                .withBackgroundSyncInterval(Duration.ofMillis(1))
                .withVerifyAllSegmentsOnOpen(random.nextBoolean());
        int rounds = 1 + random.nextInt(4);
        List<Rec> survivors = new ArrayList<>();
        String context = "seed=" + seed + " mode=" + mode + " segmentSize=" + segmentSize + " buffer="
                + options.writeBufferSize();

        for (int round = 0; round < rounds; round++) {
            List<Appended> appended;
            try (Wal wal = Wal.open(fs, DIR, options)) {
                // What the previous crash left must still be there, unchanged.
                assertThat(Rec.replayAll(wal)).as(context + " round " + round).isEqualTo(survivors);
                if (!survivors.isEmpty() && random.nextInt(3) == 0) {
                    wal.truncateBefore(survivors.get(random.nextInt(survivors.size())).lsn());
                    long first = wal.firstLsn();
                    survivors.removeIf(r -> r.lsn() < first);
                    assertThat(Rec.replayAll(wal)).as(context).isEqualTo(survivors);
                }
                appended = runWritersUntilCrash(wal, fs, random, segmentSize);
                closeQuietly(wal);
            }

            // Reboot: reopen and compare with what was appended.
            List<Rec> expected = new ArrayList<>(survivors);
            appended.stream().sorted(Comparator.comparingLong(a -> a.rec().lsn())).forEach(a -> expected.add(a.rec()));
            int mustHave = survivors.size();
            for (int i = survivors.size(); i < expected.size(); i++) {
                Rec r = expected.get(i);
                if (appended.stream().anyMatch(a -> a.acknowledged() && a.rec().lsn() == r.lsn())) {
                    mustHave = i + 1;
                }
            }
            try (Wal wal = Wal.open(fs, DIR, options)) {
                List<Rec> replayed = Rec.replayAll(wal);
                String why = context + " round " + round + ": " + fs.lastCrashReport();
                assertThat(replayed.size()).as(why + " (acknowledged records lost)").isGreaterThanOrEqualTo(mustHave);
                assertThat(replayed.size()).as(why).isLessThanOrEqualTo(expected.size());
                assertThat(replayed).as(why).isEqualTo(expected.subList(0, replayed.size()));
                assertThat(wal.endLsn()).as(why).isGreaterThanOrEqualTo(
                        replayed.isEmpty() ? wal.firstLsn() : replayed.getLast().lsn() + 20 + replayed.getLast().payload().length);
                survivors = replayed;
            }
        }
    }

    private static List<Appended> runWritersUntilCrash(Wal wal, CrashSimulatingFileSystem fs, Random random,
            long segmentSize) throws Exception {
        int threads = 1 + random.nextInt(4);
        int crashAfter = random.nextInt(120);
        long crashSeed = random.nextLong();
        ConcurrentLinkedQueue<Appended> log = new ConcurrentLinkedQueue<>();
        AtomicInteger operations = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        Runnable crash = () -> {
            if (crashed.compareAndSet(false, true)) {
                fs.crash(new Random(crashSeed));
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long threadSeed = random.nextLong();
            workers.add(Thread.ofPlatform().name("writer-" + t).start(() -> {
                Random r = new Random(threadSeed);
                try {
                    while (!crashed.get() || r.nextInt(4) != 0) {
                        int op = operations.incrementAndGet();
                        if (op >= crashAfter && threads == 1) {
                            crash.run(); // single writer: the crash point is deterministic
                        }
                        byte[] payload = new byte[randomSize(r, segmentSize)];
                        r.nextBytes(payload);
                        byte type = (byte) (1 + r.nextInt(255));
                        long lsn = wal.append(type, payload);
                        Rec rec = new Rec(lsn, type, payload);
                        boolean acknowledged = false;
                        try {
                            switch (r.nextInt(4)) {
                                case 0 -> {
                                    wal.awaitDurable(lsn);
                                    acknowledged = true;
                                }
                                case 1, 2 -> {
                                    wal.awaitCommit(lsn);
                                    acknowledged = wal.options().syncMode() != SyncMode.OFF;
                                }
                                default -> {
                                    // not waited for
                                }
                            }
                        } finally {
                            log.add(new Appended(rec, acknowledged));
                        }
                        if (op > 400) {
                            break;
                        }
                    }
                } catch (IOException | IllegalStateException e) {
                    errors.incrementAndGet(); // the crash: handles are dead, the WAL has failed
                }
            }));
        }
        if (threads > 1) {
            while (operations.get() < crashAfter && workers.stream().anyMatch(Thread::isAlive)) {
                Thread.onSpinWait();
            }
            crash.run();
        }
        for (Thread w : workers) {
            w.join();
        }
        crash.run(); // in case every writer stopped before the crash point
        return new ArrayList<>(log);
    }

    private static int randomSize(Random r, long segmentSize) {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> r.nextInt((int) Math.min(3 * segmentSize, 200_000)); // may exceed a whole segment
            default -> r.nextInt(200);
        };
    }

    private static void closeQuietly(Wal wal) {
        try {
            wal.close();
        } catch (IOException | RuntimeException expected) {
            // the simulated crash already killed it
        }
    }
}
