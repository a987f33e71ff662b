package io.shaledb.pgwire.auth;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS certificate and key: PEM files, configured or generated. A server with no
 * configured pair generates a self-signed one on first start ({@code server.crt}, {@code server.key}
 * in the data directory, RSA 2048, ten years, subject alternative names localhost, 127.0.0.1 and
 * ::1) in this process ({@link SelfSignedCertificate}), so no extra library and no child process
 * is needed; clients that verify ({@code sslmode=verify-full}) are given {@code server.crt} as
 * their root certificate. Both steps are slow (key generation, and the JDK's TLS initialisation
 * behind the first {@link SslContext}), so a server runs them off its start path: {@link ServerTls}.
 */
public final class TlsFiles {
    private static final Logger log = LoggerFactory.getLogger(TlsFiles.class);
    public static final String CERT_FILE = "server.crt";
    public static final String KEY_FILE = "server.key";

    private TlsFiles() {}

    /** A server-side TLS context from a PEM certificate (chain) and an unencrypted PKCS#8 PEM key. */
    public static SslContext context(Path certificate, Path key) {
        try {
            return SslContextBuilder.forServer(certificate.toFile(), key.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("could not load TLS certificate " + certificate + " and key " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code dir/server.crt} and {@code dir/server.key}, generated first when either is missing.
     * Each file is written under a temporary name and then renamed, key first, so a start that
     * dies half-way leaves either no certificate (and the next start generates both again) or a
     * whole pair, never a truncated file.
     *
     * @return the two paths, certificate first
     */
    public static Path[] ensureSelfSigned(Path dir) {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return new Path[] {cert, key};
        }
        SelfSignedCertificate pair = SelfSignedCertificate.generate(Instant.now(), new SecureRandom());
        try {
            Files.deleteIfExists(cert);
            writeAtomically(key, pem("PRIVATE KEY", pair.key().getEncoded()), true);
            writeAtomically(cert, pem("CERTIFICATE", pair.certificate().getEncoded()), false);
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("could not write a self-signed TLS certificate to " + dir + ": " + e.getMessage(), e);
        }
        log.info("generated a self-signed TLS certificate {} (CN=localhost) and key {}", cert, key);
        return new Path[] {cert, key};
    }

    private static void writeAtomically(Path target, String text, boolean secret) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary);
        if (secret) {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("no POSIX permissions on {}; leaving them as they are", temporary);
            }
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
