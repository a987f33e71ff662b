package io.shaledb.pgwire.auth;

import io.shaledb.sql.roles.Passwords;
import io.shaledb.sql.roles.Passwords.ScramSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's half of one SCRAM-SHA-256 exchange (RFC 5802 / RFC 7677) as PostgreSQL runs it:
 * no channel binding, the user name taken from the startup packet (the client sends an empty
 * {@code n=}).
 *
 * <pre>
 *   client-first  n,,n=,r=&lt;client nonce&gt;
 *   server-first  r=&lt;client nonce + server nonce&gt;,s=&lt;salt&gt;,i=&lt;iterations&gt;
 *   client-final  c=biws,r=&lt;nonce&gt;,p=&lt;ClientProof&gt;
 *                 ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage); SHA-256(ClientKey) == StoredKey?
 *   server-final  v=&lt;HMAC(ServerKey, AuthMessage)&gt;      (the client checks the server knew the verifier)
 *   AuthMessage = client-first-bare + "," + server-first + "," + client-final-without-proof
 * </pre>
 *
 * A role that does not exist or has no SCRAM verifier gets a mock exchange with a made-up salt
 * that can only fail at the end, so a client cannot tell a wrong password from a missing role.
 */
public final class ScramExchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A message the client sent that does not follow the protocol (08P01). */
    public static final class MalformedMessage extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessage(String message) {
            super(message, null, false, false);
        }
    }

    private final ScramSecret secret;
    private final boolean mock;
    private final String serverNonce;
    private String clientFirstBare;
    private String serverFirst;
    private String gs2Header;

    /** @param secret the role's verifier, or null for a mock exchange that fails */
    public ScramExchange(ScramSecret secret) {
        this(secret, randomNonce());
    }

    /** With a fixed server nonce: for tests against published vectors. */
    ScramExchange(ScramSecret secret, String serverNonce) {
        this.mock = secret == null;
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        this.secret = secret != null ? secret : new ScramSecret(Passwords.SCRAM_ITERATIONS, salt, new byte[32], new byte[32]);
        this.serverNonce = serverNonce;
    }

    private static String randomNonce() {
        byte[] raw = new byte[18];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    /** Reads client-first-message and returns server-first-message. */
    public String serverFirst(String clientFirst) throws MalformedMessage {
        if (clientFirst.startsWith("p=")) {
            throw new MalformedMessage("channel binding is not supported");
        }
        if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
            throw new MalformedMessage("malformed SCRAM message (unexpected channel-binding flag)");
        }
        int second = clientFirst.indexOf(',', 2);
        if (second < 0) {
            throw new MalformedMessage("malformed SCRAM message (comma expected)");
        }
        String authzid = clientFirst.substring(2, second);
        if (!authzid.isEmpty()) {
            throw new MalformedMessage("client uses authorization identity, but it is not supported");
        }
        gs2Header = clientFirst.substring(0, second + 1);
        clientFirstBare = clientFirst.substring(second + 1);
        String clientNonce = null;
        for (String attr : clientFirstBare.split(",")) {
            if (attr.startsWith("r=")) {
                clientNonce = attr.substring(2);
            } else if (attr.startsWith("m=")) {
                throw new MalformedMessage("client requires an unsupported SCRAM extension");
            }
        }
        if (clientNonce == null || clientNonce.isEmpty() || !clientFirstBare.startsWith("n=")) {
            throw new MalformedMessage("malformed SCRAM message (nonce or user name missing)");
        }
        serverFirst = "r=" + clientNonce + serverNonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt())
                + ",i=" + secret.iterations();
        return serverFirst;
    }

    /**
     * Checks client-final-message.
     *
     * @return server-final-message when the proof is right, null when it is not (wrong password, or a mock exchange)
     */
    public String serverFinal(String clientFinal) throws MalformedMessage {
        if (serverFirst == null) {
            throw new MalformedMessage("SCRAM client-final message before client-first");
        }
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new MalformedMessage("malformed SCRAM message (proof expected)");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        String channelBinding = null;
        String nonce = null;
        for (String attr : withoutProof.split(",")) {
            if (attr.startsWith("c=")) {
                channelBinding = attr.substring(2);
            } else if (attr.startsWith("r=")) {
                nonce = attr.substring(2);
            }
        }
        String expectedBinding = Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (!expectedBinding.equals(channelBinding)) {
            throw new MalformedMessage("SCRAM channel binding check failed");
        }
        if (nonce == null || !serverFirst.startsWith("r=" + nonce + ",")) {
            throw new MalformedMessage("SCRAM nonce does not match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("malformed SCRAM message (invalid proof)");
        }
        if (proof.length != 32) {
            throw new MalformedMessage("malformed SCRAM message (invalid proof)");
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = Passwords.hmac(secret.storedKey(), authMessage);
        byte[] clientKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (mock || !MessageDigest.isEqual(Passwords.sha256(clientKey), secret.storedKey())) {
            return null;
        }
        return "v=" + Base64.getEncoder().encodeToString(Passwords.hmac(secret.serverKey(), authMessage));
    }
}
