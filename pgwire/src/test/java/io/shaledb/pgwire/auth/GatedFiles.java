package io.shaledb.pgwire.auth;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Key files for {@link ServerTls#inBackground} that a test holds back until it opens the gate,
 * so it can look at the server while the TLS context is still being made.
 */
public final class GatedFiles implements Supplier<Path[]> {
    private final Path[] pair;
    private final CountDownLatch gate = new CountDownLatch(1);

    /** Self-signed files in {@code dir}, handed out once {@link #open()} is called. */
    public GatedFiles(Path dir) {
        this.pair = TlsFiles.ensureSelfSigned(dir);
    }

    public void open() {
        gate.countDown();
    }

    @Override
    public Path[] get() {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the test held the files back", e);
        }
        return pair;
    }
}
