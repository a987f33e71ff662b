package io.shaledb.pgwire.auth;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's TLS context, possibly still being made. Making it is slow: a first start
 * generates a key pair, and the first Netty {@link SslContext} of a JVM initialises the JDK's TLS
 * machinery, together one to three seconds that no client may be waiting for. So a server starts
 * it on a virtual thread ({@link #inBackground}) and opens its listener at once; only a client
 * that sends SSLRequest {@link #await waits} for it, and it is answered 'S' once the context is
 * there, never 'N' because it is not there yet. When making it fails, the failure is logged
 * (ERROR, once, as soon as it happens) and every client that asks for TLS is refused with it;
 * clients in plain text are not affected.
 *
 * <p>Making it has two steps: the PEM files (generated into the data directory on a first start),
 * then the context read from them. {@link #awaitFiles()} and {@link #close()} wait for the first
 * step only: a server says it is ready once the files are there, as it did when it made them
 * before opening its listener, and nothing writes into a data directory after the server that
 * owns it has let it go; but neither waits for the JDK's TLS start-up.
 */
public final class ServerTls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private final CompletableFuture<SslContext> context;
    /** Counted down once the files are there (or could not be made): nothing is written after it. */
    private final CountDownLatch filesSettled;

    private ServerTls(CompletableFuture<SslContext> context, CountDownLatch filesSettled) {
        this.context = context;
        this.filesSettled = filesSettled;
    }

    /** A context that is already made (tests, embedded use). */
    public static ServerTls ready(SslContext context) {
        return new ServerTls(CompletableFuture.completedFuture(Objects.requireNonNull(context, "context")), new CountDownLatch(0));
    }

    /**
     * Starts making the context on a virtual thread and returns at once: {@code files} gives the
     * PEM certificate and key (making them first if need be), and the context is read from them
     * ({@link TlsFiles#context}).
     *
     * @param what what is being made, for the log (e.g. the certificate's path)
     * @param files the certificate's and the key's path, in that order; an exception it throws is
     *     what makes TLS unavailable
     */
    public static ServerTls inBackground(String what, Supplier<Path[]> files) {
        CompletableFuture<SslContext> future = new CompletableFuture<>();
        CountDownLatch filesSettled = new CountDownLatch(1);
        Thread.ofVirtual().name("shale-tls-setup").start(() -> {
            long started = System.nanoTime();
            try {
                Path[] pair;
                try {
                    pair = files.get();
                } finally {
                    filesSettled.countDown();
                }
                future.complete(TlsFiles.context(pair[0], pair[1]));
                log.debug("TLS context for {} ready after {} ms", what, (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | Error e) {
                log.error("TLS is unavailable ({}): {}; clients that ask for TLS are refused", what, e.getMessage(), e);
                future.completeExceptionally(e);
            }
        });
        return new ServerTls(future, filesSettled);
    }

    /**
     * The context, waiting for it while it is being made.
     *
     * @throws UnavailableException when it could not be made; its message says why
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public SslContext await() throws UnavailableException, InterruptedException {
        try {
            return context.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new UnavailableException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    /** Whether the context is made (or failed); false while it is still being made. */
    public boolean isDone() {
        return context.isDone();
    }

    /**
     * Waits until the PEM files are there (or could not be made), which on a first start is the
     * key generation, usually done while the server opens its engines; the context itself may
     * still be in the making. An interrupt does not cut the wait short, it is kept for the caller.
     */
    public void awaitFiles() {
        boolean interrupted = false;
        while (filesSettled.getCount() > 0) {
            try {
                filesSettled.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #awaitFiles()}: whatever happens to the context, nothing is written after this returns. */
    @Override
    public void close() {
        awaitFiles();
    }

    /** The TLS context could not be made: the message is the reason, for the log and the client. */
    public static final class UnavailableException extends Exception {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
