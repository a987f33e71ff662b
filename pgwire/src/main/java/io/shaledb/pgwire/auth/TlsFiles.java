package io.shaledb.pgwire.auth;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS certificate and key: PEM files, configured or generated. A server with no
 * configured pair generates a self-signed one on first start ({@code server.crt}, {@code server.key}
 * in the data directory, RSA 2048, ten years, subject alternative names localhost and 127.0.0.1)
 * with the JDK's own {@code keytool}, so no extra library is needed; clients that verify
 * ({@code sslmode=verify-full}) are given {@code server.crt} as their root certificate.
 */
public final class TlsFiles {
    private static final Logger log = LoggerFactory.getLogger(TlsFiles.class);
    public static final String CERT_FILE = "server.crt";
    public static final String KEY_FILE = "server.key";
    private static final String STORE_PASSWORD = "shaledb-keygen";

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
     * {@code dir/server.crt} and {@code dir/server.key}, generated first when missing.
     *
     * @return the two paths, certificate first
     */
    public static Path[] ensureSelfSigned(Path dir) {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) && Files.exists(key)) {
            return new Path[] {cert, key};
        }
        Path store = dir.resolve("server-keygen.p12");
        try {
            Files.deleteIfExists(store);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            List<String> command = List.of(keytool, "-genkeypair", "-alias", "shaledb", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "3650", "-dname", "CN=localhost, O=ShaleDB", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not generate a TLS certificate: " + output.strip());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, STORE_PASSWORD.toCharArray());
            }
            Key privateKey = ks.getKey("shaledb", STORE_PASSWORD.toCharArray());
            Certificate certificate = ks.getCertificate("shaledb");
            Files.writeString(key, pem("PRIVATE KEY", privateKey.getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                log.debug("no POSIX permissions on {}; leaving them as they are", key);
            }
            Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
            log.info("generated a self-signed TLS certificate {} (CN=localhost) and key {}", cert, key);
            return new Path[] {cert, key};
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a self-signed TLS certificate in " + dir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating a TLS certificate", e);
        } finally {
            try {
                Files.deleteIfExists(store);
            } catch (IOException e) {
                log.warn("could not delete temporary key store {}", store, e);
            }
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
