package io.shaledb.pgwire.auth;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A self-signed server certificate made in this process: an RSA 2048 key pair from the JDK, and
 * the X.509 v3 certificate (RFC 5280) written out in DER by {@link Der} and signed with the JDK's
 * {@code SHA384withRSA}. The JDK has no public API that builds certificates, and {@code keytool}
 * costs a second JVM; the structure is small and fixed, so it is written here field by field:
 *
 * <pre>
 * Certificate  SEQUENCE { tbsCertificate, signatureAlgorithm, signature BIT STRING }
 * tbsCertificate SEQUENCE {
 *   [0] version v3, serialNumber (64 random bits), signature sha384WithRSAEncryption,
 *   issuer = subject = O=ShaleDB, CN=localhost, validity now .. now + 3650 days,
 *   subjectPublicKeyInfo (the JDK's X.509 encoding of the public key),
 *   [3] extensions: subjectKeyIdentifier (SHA-1 of the public key), subjectAltName localhost, 127.0.0.1, ::1 }
 * </pre>
 *
 * The same certificate {@code keytool -genkeypair -keyalg RSA -keysize 2048 -validity 3650 -dname
 * "CN=localhost, O=ShaleDB" -ext SAN=dns:localhost,ip:127.0.0.1,ip:::1} made before. The result
 * is read back through the JDK's {@link CertificateFactory} and its signature verified, so a
 * mistake in the encoding fails here rather than in a client's handshake.
 *
 * @param key the private key (its {@link PrivateKey#getEncoded()} is PKCS#8)
 * @param certificate the certificate, signed by {@code key}
 */
record SelfSignedCertificate(PrivateKey key, X509Certificate certificate) {
    static final Duration VALIDITY = Duration.ofDays(3650);
    private static final int KEY_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA384withRSA";
    private static final String SHA384_WITH_RSA = "1.2.840.113549.1.1.12";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final int DNS_NAME = 2;     // GeneralName [2] IA5String
    private static final int IP_ADDRESS = 7;   // GeneralName [7] OCTET STRING, 4 or 16 bytes

    /** A new pair for {@code CN=localhost}, valid from {@code now} (to the second) for ten years. */
    static SelfSignedCertificate generate(Instant now, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, random);
            KeyPair keys = generator.generateKeyPair();
            byte[] tbs = toBeSigned(keys, now.truncatedTo(ChronoUnit.SECONDS), new BigInteger(64, random).setBit(63));
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
            signer.initSign(keys.getPrivate(), random);
            signer.update(tbs);
            byte[] der = Der.sequence(tbs, signatureAlgorithm(), Der.bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            certificate.verify(keys.getPublic());
            return new SelfSignedCertificate(keys.getPrivate(), certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] toBeSigned(KeyPair keys, Instant notBefore, BigInteger serial) throws GeneralSecurityException {
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.printableString("ShaleDB"))),
                Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.printableString("localhost"))));
        byte[] extensions = Der.sequence(
                extension(SUBJECT_KEY_IDENTIFIER, Der.octetString(keyIdentifier((RSAPublicKey) keys.getPublic()))),
                extension(SUBJECT_ALT_NAME, Der.sequence(
                        Der.implicit(DNS_NAME, "localhost".getBytes(StandardCharsets.US_ASCII)),
                        Der.implicit(IP_ADDRESS, address("127.0.0.1")),
                        Der.implicit(IP_ADDRESS, address("::1")))));
        return Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3 is encoded as 2
                Der.integer(serial),
                signatureAlgorithm(),
                name,
                Der.sequence(Der.time(notBefore), Der.time(notBefore.plus(VALIDITY))),
                name,
                keys.getPublic().getEncoded(),
                Der.explicit(3, extensions));
    }

    private static byte[] signatureAlgorithm() {
        return Der.sequence(Der.oid(SHA384_WITH_RSA), Der.nul());
    }

    private static byte[] extension(String oid, byte[] value) {
        return Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** RFC 5280's first method: SHA-1 of the subjectPublicKey bits, for RSA the DER of (modulus, exponent). */
    private static byte[] keyIdentifier(RSAPublicKey key) throws GeneralSecurityException {
        byte[] subjectPublicKey = Der.sequence(Der.integer(key.getModulus()), Der.integer(key.getPublicExponent()));
        return MessageDigest.getInstance("SHA-1").digest(subjectPublicKey);
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address literal: " + literal, e);
        }
    }
}
