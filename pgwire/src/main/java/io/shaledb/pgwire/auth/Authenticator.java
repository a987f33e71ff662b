package io.shaledb.pgwire.auth;

import io.shaledb.sql.roles.Passwords;
import io.shaledb.sql.roles.Passwords.ScramSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the password part of a connection's startup for the method its hba rule chose: sends the
 * AuthenticationXxx requests through a {@link Conversation}, checks the client's answers against
 * the role's stored verifier, and either returns (the caller sends AuthenticationOk) or throws
 * {@link AuthFailure}.
 *
 * <pre>
 *   scram-sha-256  R(10 SASL "SCRAM-SHA-256") &lt;- p(SASLInitialResponse) R(11 SASLContinue) &lt;- p(SASLResponse) R(12 SASLFinal)
 *   md5            R(5 salt)  &lt;- p("md5" + md5hex(md5hex(password + user) + salt))
 *   password       R(3)       &lt;- p(password)
 * </pre>
 *
 * As in PostgreSQL, {@code md5} falls back to SCRAM for a role whose password is stored as a
 * SCRAM verifier (an md5 answer cannot be checked against it), while {@code scram-sha-256} cannot
 * use an md5 verifier and fails. A missing role, a role without a password and an expired
 * password all fail exactly like a wrong password (28P01), so a client learns nothing about which
 * roles exist; the log says which it was.
 */
public final class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** AuthenticationRequest codes. */
    static final int CLEARTEXT_PASSWORD = 3;
    static final int MD5_PASSWORD = 5;
    static final int SASL = 10;
    static final int SASL_CONTINUE = 11;
    static final int SASL_FINAL = 12;
    static final String SCRAM_SHA_256 = "SCRAM-SHA-256";

    /** The connection's side of the exchange. */
    public interface Conversation {
        /** Sends AuthenticationRequest {@code code} with {@code data} after it, and flushes. */
        void request(int code, byte[] data);

        /** The body of the client's next PasswordMessage ('p'), or null when the client hung up. */
        byte[] response() throws AuthFailure;
    }

    private final RoleDirectory roles;
    private final Clock clock;

    public Authenticator(RoleDirectory roles) {
        this(roles, Clock.systemUTC());
    }

    Authenticator(RoleDirectory roles, Clock clock) {
        this.roles = roles;
        this.clock = clock;
    }

    /** Authenticates {@code user} with {@code method} (TRUST returns at once; REJECT is the caller's). */
    public void authenticate(AuthMethod method, String user, Conversation conversation) throws AuthFailure {
        RoleDirectory.Credentials role = roles.lookup(user);
        String verifier = usableVerifier(role, user);
        switch (method) {
            case TRUST -> { }
            case REJECT -> throw new IllegalArgumentException("reject is decided by the caller");
            case SCRAM_SHA_256 -> scram(user, Passwords.parseScram(verifier), conversation);
            case MD5 -> {
                ScramSecret scram = Passwords.parseScram(verifier);
                if (scram != null) {
                    scram(user, scram, conversation);
                } else {
                    md5(user, verifier, conversation);
                }
            }
            case PASSWORD -> cleartext(user, verifier, conversation);
        }
        if (role != null && !role.canLogin()) {
            throw new AuthFailure(AuthFailure.INVALID_AUTHORIZATION, "role \"" + user + "\" is not permitted to log in");
        }
    }

    /** The role's verifier, or null when there is no role, no password, or it has expired. */
    private String usableVerifier(RoleDirectory.Credentials role, String user) {
        if (role == null) {
            log.debug("authentication of \"{}\": role does not exist", user);
            return null;
        }
        if (role.verifier() == null) {
            log.debug("authentication of \"{}\": role has no password", user);
            return null;
        }
        if (role.validUntil() != null && role.validUntil().isBefore(clock.instant())) {
            log.info("authentication of \"{}\": password expired at {}", user, role.validUntil());
            return null;
        }
        return role.verifier();
    }

    private void scram(String user, ScramSecret secret, Conversation conversation) throws AuthFailure {
        if (secret == null) {
            log.debug("authentication of \"{}\": no SCRAM verifier; running a mock exchange", user);
        }
        conversation.request(SASL, (SCRAM_SHA_256 + "\0\0").getBytes(StandardCharsets.UTF_8));
        ByteBuffer initial = ByteBuffer.wrap(required(conversation.response()));
        String mechanism = cstring(initial);
        if (!SCRAM_SHA_256.equals(mechanism)) {
            throw new AuthFailure(AuthFailure.PROTOCOL_VIOLATION, "client selected an invalid SASL authentication mechanism");
        }
        if (initial.remaining() < 4) {
            throw malformed("malformed SASLInitialResponse");
        }
        int length = initial.getInt();
        if (length < 0 || length != initial.remaining()) {
            throw malformed("malformed SASLInitialResponse");
        }
        ScramExchange exchange = new ScramExchange(secret);
        try {
            String serverFirst = exchange.serverFirst(utf8(initial));
            conversation.request(SASL_CONTINUE, serverFirst.getBytes(StandardCharsets.UTF_8));
            String serverFinal = exchange.serverFinal(new String(required(conversation.response()), StandardCharsets.UTF_8));
            if (serverFinal == null) {
                throw AuthFailure.wrongPassword(user);
            }
            conversation.request(SASL_FINAL, serverFinal.getBytes(StandardCharsets.UTF_8));
        } catch (ScramExchange.MalformedMessage e) {
            throw malformed(e.getMessage());
        }
    }

    private void md5(String user, String verifier, Conversation conversation) throws AuthFailure {
        byte[] salt = new byte[4];
        RANDOM.nextBytes(salt);
        conversation.request(MD5_PASSWORD, salt);
        String answer = cstring(ByteBuffer.wrap(required(conversation.response())));
        if (verifier == null || !Passwords.isMd5(verifier)) {
            throw AuthFailure.wrongPassword(user);
        }
        byte[] salted = new byte[32 + 4];
        System.arraycopy(verifier.substring(3).getBytes(StandardCharsets.US_ASCII), 0, salted, 0, 32);
        System.arraycopy(salt, 0, salted, 32, 4);
        String expected = "md5" + Passwords.md5Hex(salted);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), answer.getBytes(StandardCharsets.UTF_8))) {
            throw AuthFailure.wrongPassword(user);
        }
    }

    private void cleartext(String user, String verifier, Conversation conversation) throws AuthFailure {
        conversation.request(CLEARTEXT_PASSWORD, new byte[0]);
        String password = cstring(ByteBuffer.wrap(required(conversation.response())));
        if (verifier == null || password.isEmpty()) {
            throw AuthFailure.wrongPassword(user);
        }
        boolean ok;
        ScramSecret scram = Passwords.parseScram(verifier);
        if (scram != null) {
            String computed = Passwords.scramVerifier(password, scram.salt(), scram.iterations());
            ok = Arrays.equals(Passwords.parseScram(computed).storedKey(), scram.storedKey());
        } else {
            ok = MessageDigest.isEqual(Passwords.md5Verifier(password, user).getBytes(StandardCharsets.UTF_8),
                    verifier.getBytes(StandardCharsets.UTF_8));
        }
        if (!ok) {
            throw AuthFailure.wrongPassword(user);
        }
    }

    private static byte[] required(byte[] response) throws AuthFailure {
        if (response == null) {
            throw AuthFailure.clientHungUp();
        }
        return response;
    }

    private static AuthFailure malformed(String message) {
        return new AuthFailure(AuthFailure.PROTOCOL_VIOLATION, message);
    }

    /** A NUL-terminated string at the buffer's position (the rest of the buffer when there is no NUL). */
    private static String cstring(ByteBuffer buf) {
        int start = buf.position();
        int end = start;
        while (end < buf.limit() && buf.get(end) != 0) {
            end++;
        }
        String s = new String(buf.array(), start, end - start, StandardCharsets.UTF_8);
        buf.position(Math.min(buf.limit(), end + 1));
        return s;
    }

    private static String utf8(ByteBuffer buf) {
        String s = new String(buf.array(), buf.position(), buf.remaining(), StandardCharsets.UTF_8);
        buf.position(buf.limit());
        return s;
    }
}
