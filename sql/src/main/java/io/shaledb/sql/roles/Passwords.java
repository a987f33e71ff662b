package io.shaledb.sql.roles;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password verifiers in PostgreSQL's two stored formats, and the SCRAM-SHA-256 primitives both
 * the verifier and the authentication exchange are built from (RFC 5802, RFC 7677).
 *
 * <pre>
 *   SCRAM-SHA-256$4096:&lt;salt b64&gt;$&lt;StoredKey b64&gt;:&lt;ServerKey b64&gt;
 *       SaltedPassword = Hi(password, salt, 4096)          (PBKDF2 with HMAC-SHA-256)
 *       StoredKey      = SHA-256(HMAC(SaltedPassword, "Client Key"))
 *       ServerKey      = HMAC(SaltedPassword, "Server Key")
 *   md5&lt;hex of MD5(password || user name)&gt;
 * </pre>
 *
 * Neither holds the password itself: the SCRAM verifier lets the server check a client's proof
 * without being able to produce one; the md5 one is a password equivalent (whoever has it can
 * log in with md5), which is why PostgreSQL and ShaleDB default to SCRAM.
 */
public final class Passwords {
    /** PostgreSQL's scram_iterations default. */
    public static final int SCRAM_ITERATIONS = 4096;
    private static final int SALT_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed SCRAM-SHA-256 verifier. */
    public record ScramSecret(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {}

    private Passwords() {}

    /** What {@code password_encryption} asks for, applied to a clear-text password of {@code user}. */
    public static String verifier(String password, String user, String passwordEncryption) {
        if (isVerifier(password)) {
            return password; // a pre-hashed password is stored as given, as PostgreSQL does
        }
        return switch (passwordEncryption.toLowerCase(Locale.ROOT)) {
            case "md5" -> md5Verifier(password, user);
            default -> scramVerifier(password);
        };
    }

    /** Whether {@code text} already is a verifier in one of the two formats. */
    public static boolean isVerifier(String text) {
        return isMd5(text) || parseScram(text) != null;
    }

    public static boolean isMd5(String text) {
        return text != null && text.length() == 35 && text.startsWith("md5") && text.substring(3).chars()
                .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** {@code "md5" + hex(MD5(password || user))}. */
    public static String md5Verifier(String password, String user) {
        return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of the MD5 digest of {@code bytes}. */
    public static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** A fresh SCRAM-SHA-256 verifier with a random salt and PostgreSQL's iteration count. */
    public static String scramVerifier(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return scramVerifier(password, salt, SCRAM_ITERATIONS);
    }

    public static String scramVerifier(String password, byte[] salt, int iterations) {
        byte[] salted = hi(saslPrep(password).getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] storedKey = sha256(hmac(salted, "Client Key"));
        byte[] serverKey = hmac(salted, "Server Key");
        Base64.Encoder b64 = Base64.getEncoder();
        return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":"
                + b64.encodeToString(serverKey);
    }

    /** The parts of a SCRAM-SHA-256 verifier, or null when {@code text} is not one. */
    public static ScramSecret parseScram(String text) {
        if (text == null || !text.startsWith("SCRAM-SHA-256$")) {
            return null;
        }
        String[] parts = text.substring("SCRAM-SHA-256$".length()).split("\\$", -1);
        if (parts.length != 2) {
            return null;
        }
        String[] iterSalt = parts[0].split(":", -1);
        String[] keys = parts[1].split(":", -1);
        if (iterSalt.length != 2 || keys.length != 2) {
            return null;
        }
        try {
            int iterations = Integer.parseInt(iterSalt[0]);
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(iterSalt[1]);
            byte[] stored = b64.decode(keys[0]);
            byte[] server = b64.decode(keys[1]);
            if (iterations < 1 || stored.length != 32 || server.length != 32) {
                return null;
            }
            return new ScramSecret(iterations, salt, stored, server);
        } catch (IllegalArgumentException e) {
            return null; // not a number or not base64: not a verifier, so it is a clear-text password
        }
    }

    /**
     * SASLprep as PostgreSQL applies it: an ASCII password is used as is; anything else is NFKC
     * normalized (PostgreSQL falls back to the raw bytes when the full profile rejects a password;
     * ShaleDB applies the normalization step only).
     */
    public static String saslPrep(String password) {
        return password.chars().allMatch(c -> c < 0x80) ? password : Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** RFC 5802's Hi(): PBKDF2 with HMAC-SHA-256 and one 32-byte block. */
    public static byte[] hi(byte[] password, byte[] salt, int iterations) {
        Mac mac = mac(password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    public static byte[] hmac(byte[] key, String message) {
        return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] hmac(byte[] key, byte[] message) {
        return mac(key).doFinal(message);
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // An empty password is a valid HMAC key for SCRAM but not for SecretKeySpec: use one zero byte,
            // which HMAC pads to the same block as the empty key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }
}
