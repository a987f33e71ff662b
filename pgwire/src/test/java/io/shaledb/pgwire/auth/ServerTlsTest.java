package io.shaledb.pgwire.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS context made in the background: waited for, failures passed on, close waits for the files. */
class ServerTlsTest {
    @TempDir
    Path dir;

    @Test
    void awaitWaitsForTheContextBeingMade() throws Exception {
        GatedFiles gate = new GatedFiles(dir);
        ServerTls tls = ServerTls.inBackground("test", gate);
        CompletableFuture<SslContext> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return tls.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(tls.isDone()).isFalse(); // the files are held back: nothing can be ready yet
        assertThat(waiter).isNotDone();
        gate.open();
        assertThat(waiter.get().isServer()).isTrue();
        assertThat(tls.isDone()).isTrue();
        tls.close();
    }

    @Test
    void aFailureIsWhatAwaitThrows() {
        ServerTls tls = ServerTls.inBackground("test", () -> {
            throw new IllegalStateException("could not write a self-signed TLS certificate to /nowhere: disk full");
        });
        assertThatThrownBy(tls::await).isInstanceOf(ServerTls.UnavailableException.class)
                .hasMessage("could not write a self-signed TLS certificate to /nowhere: disk full");
        tls.close();
    }

    @Test
    void unreadableFilesAreAFailureToo() {
        ServerTls tls = ServerTls.inBackground("test", () -> new Path[] {dir.resolve("missing.crt"), dir.resolve("missing.key")});
        assertThatThrownBy(tls::await).isInstanceOf(ServerTls.UnavailableException.class)
                .hasMessageContaining("could not load TLS certificate " + dir.resolve("missing.crt"));
    }

    @Test
    void awaitFilesWaitsForTheFilesToBeWritten() {
        AtomicBoolean written = new AtomicBoolean();
        ServerTls tls = ServerTls.inBackground("test", () -> {
            Path[] pair = TlsFiles.ensureSelfSigned(dir);
            written.set(true);
            return pair;
        });
        tls.awaitFiles();
        assertThat(written).isTrue();
        assertThat(dir.resolve("server.crt")).exists();
        tls.close();
    }

    @Test
    void closeWaitsForTheFilesToBeWritten() {
        AtomicBoolean written = new AtomicBoolean();
        ServerTls tls = ServerTls.inBackground("test", () -> {
            Path[] pair = TlsFiles.ensureSelfSigned(dir);
            written.set(true);
            return pair;
        });
        tls.close();
        assertThat(written).isTrue();
    }

    @Test
    void aReadyContextIsThereAtOnce() throws Exception {
        Path[] pair = TlsFiles.ensureSelfSigned(dir);
        SslContext context = TlsFiles.context(pair[0], pair[1]);
        ServerTls tls = ServerTls.ready(context);
        assertThat(tls.isDone()).isTrue();
        assertThat(tls.await()).isSameAs(context);
        tls.close();
    }
}
