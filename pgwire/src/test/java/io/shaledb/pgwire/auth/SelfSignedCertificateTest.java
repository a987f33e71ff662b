package io.shaledb.pgwire.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed pair made in-process: what the JDK reads back from it, and the files it goes into. */
class SelfSignedCertificateTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00.750Z");

    @TempDir
    Path dir;

    @Test
    void certificateHasTheFieldsKeytoolGaveIt() throws Exception {
        SelfSignedCertificate pair = SelfSignedCertificate.generate(NOW, new SecureRandom());
        X509Certificate cert = pair.certificate();

        assertThat(cert.getVersion()).isEqualTo(3);
        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=localhost, O=ShaleDB"));
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-11-23T12:00:00Z"));
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSigAlgName()).isEqualTo("SHA384withRSA");
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(
                List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(cert.getExtensionValue("2.5.29.14")).isNotNull(); // subject key identifier
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);       // no basicConstraints, as from keytool
        cert.verify(cert.getPublicKey());                            // self-signed, and the signature holds
    }

    @Test
    void keySignsWhatTheCertificatesKeyVerifies() throws Exception {
        SelfSignedCertificate pair = SelfSignedCertificate.generate(NOW, new SecureRandom());
        assertThat(pair.key().getFormat()).isEqualTo("PKCS#8");
        byte[] data = "shaledb".getBytes();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(pair.key());
        signer.update(data);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.certificate().getPublicKey());
        verifier.update(data);
        assertThat(verifier.verify(signer.sign())).isTrue();
    }

    @Test
    void twoPairsDiffer() {
        SecureRandom random = new SecureRandom();
        X509Certificate a = SelfSignedCertificate.generate(NOW, random).certificate();
        X509Certificate b = SelfSignedCertificate.generate(NOW, random).certificate();
        assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
        assertThat(a.getPublicKey()).isNotEqualTo(b.getPublicKey());
    }

    @Test
    void derEncodesLengthsObjectIdentifiersAndTimes() {
        HexFormat hex = HexFormat.of();
        assertThat(hex.formatHex(Der.oid("1.2.840.113549.1.1.12"))).isEqualTo("06092a864886f70d01010c");
        assertThat(hex.formatHex(Der.oid("2.5.29.17"))).isEqualTo("0603551d11");
        assertThat(hex.formatHex(Der.integer(BigInteger.valueOf(128)))).isEqualTo("02020080");
        assertThat(hex.formatHex(Der.octetString(new byte[0]))).isEqualTo("0400");
        byte[] long200 = Der.octetString(new byte[200]);
        assertThat(hex.formatHex(long200, 0, 3)).isEqualTo("0481c8");
        byte[] long300 = Der.octetString(new byte[300]);
        assertThat(hex.formatHex(long300, 0, 4)).isEqualTo("0482012c");
        assertThat(new String(Der.time(Instant.parse("2049-12-31T23:59:59Z")))).endsWith("491231235959Z");
        assertThat(Der.time(Instant.parse("2049-12-31T23:59:59Z"))[0]).isEqualTo((byte) 0x17);
        assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z"))[0]).isEqualTo((byte) 0x18);
        assertThat(new String(Der.time(Instant.parse("2050-01-01T00:00:00Z")))).endsWith("20500101000000Z");
    }

    @Test
    void ensureSelfSignedWritesAMatchingPemPairOnceAndKeepsIt() throws Exception {
        Path[] pair = TlsFiles.ensureSelfSigned(dir);
        assertThat(pair).containsExactly(dir.resolve("server.crt"), dir.resolve("server.key"));
        assertThat(Files.getPosixFilePermissions(pair[1])).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("server.crt", "server.key");
        }
        String certPem = Files.readString(pair[0]);
        String keyPem = Files.readString(pair[1]);
        assertThat(certPem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");

        X509Certificate cert;
        try (var in = Files.newInputStream(pair[0])) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        byte[] der = Base64.getMimeDecoder().decode(keyPem.replaceAll("-----[A-Z ]+-----", ""));
        var key = (java.security.interfaces.RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        assertThat(key.getModulus()).isEqualTo(((RSAPublicKey) cert.getPublicKey()).getModulus());

        SslContext context = TlsFiles.context(pair[0], pair[1]);
        assertThat(context.isServer()).isTrue();

        TlsFiles.ensureSelfSigned(dir);
        assertThat(Files.readString(pair[0])).isEqualTo(certPem);
        assertThat(Files.readString(pair[1])).isEqualTo(keyPem);
    }

    @Test
    void aKeyWithoutItsCertificateIsReplacedWithANewPair() throws Exception {
        Files.writeString(dir.resolve("server.key"), "left over from a start that died\n");
        Path[] pair = TlsFiles.ensureSelfSigned(dir);
        assertThat(Files.readString(pair[1])).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(TlsFiles.context(pair[0], pair[1]).isServer()).isTrue();
    }
}
