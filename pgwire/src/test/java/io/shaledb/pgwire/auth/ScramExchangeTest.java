package io.shaledb.pgwire.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shaledb.sql.roles.Passwords;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The server side of SCRAM-SHA-256 against the example exchange of RFC 7677, section 3. */
class ScramExchangeTest {
    private static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    private static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String CLIENT_FINAL_NO_PROOF = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";

    private static Passwords.ScramSecret pencil() {
        return Passwords.parseScram(Passwords.scramVerifier("pencil", SALT, 4096));
    }

    @Test
    void rfc7677ExampleSucceedsWithTheExpectedMessages() throws Exception {
        ScramExchange exchange = new ScramExchange(pencil(), SERVER_NONCE);
        assertThat(exchange.serverFirst(CLIENT_FIRST))
                .isEqualTo("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        assertThat(exchange.serverFinal(CLIENT_FINAL_NO_PROOF + ",p=" + PROOF))
                .isEqualTo("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void wrongProofAndMockExchangesFail() throws Exception {
        byte[] wrong = Base64.getDecoder().decode(PROOF);
        wrong[0] ^= 1;
        ScramExchange exchange = new ScramExchange(pencil(), SERVER_NONCE);
        exchange.serverFirst(CLIENT_FIRST);
        assertThat(exchange.serverFinal(CLIENT_FINAL_NO_PROOF + ",p=" + Base64.getEncoder().encodeToString(wrong))).isNull();

        ScramExchange mock = new ScramExchange(null, SERVER_NONCE);
        assertThat(mock.serverFirst(CLIENT_FIRST)).startsWith("r=rOprNGfwEbeRWgbNEkqO" + SERVER_NONCE + ",s=").endsWith(",i=4096");
        assertThat(mock.serverFinal(CLIENT_FINAL_NO_PROOF + ",p=" + PROOF)).isNull();
    }

    @Test
    void protocolViolationsAreRefused() throws Exception {
        assertThatThrownBy(() -> new ScramExchange(pencil(), SERVER_NONCE).serverFirst("p=tls-server-end-point,,n=,r=x"))
                .hasMessageContaining("channel binding");
        assertThatThrownBy(() -> new ScramExchange(pencil(), SERVER_NONCE).serverFirst("n,a=admin,n=,r=x"))
                .hasMessageContaining("authorization identity");
        ScramExchange exchange = new ScramExchange(pencil(), SERVER_NONCE);
        exchange.serverFirst(CLIENT_FIRST);
        assertThatThrownBy(() -> exchange.serverFinal("c=biws,r=someoneelse,p=" + PROOF)).hasMessageContaining("nonce");
    }

    @Test
    void verifierFormatsFollowPostgres() {
        String v = Passwords.scramVerifier("pencil", SALT, 4096);
        assertThat(v).isEqualTo("SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$"
                + Base64.getEncoder().encodeToString(pencil().storedKey()) + ":" + Base64.getEncoder().encodeToString(pencil().serverKey()));
        // SELECT 'md5' || md5('secret' || 'alice') in PostgreSQL
        assertThat(Passwords.md5Verifier("secret", "alice")).isEqualTo("md5" + Passwords.md5Hex("secretalice".getBytes()));
        assertThat(Passwords.verifier("md5" + "0".repeat(32), "x", "scram-sha-256")).isEqualTo("md5" + "0".repeat(32));
        assertThat(Passwords.verifier(v, "x", "md5")).isEqualTo(v);
        assertThat(Passwords.verifier("pw", "x", "md5")).isEqualTo(Passwords.md5Verifier("pw", "x"));
        assertThat(Passwords.verifier("pw", "x", "scram-sha-256")).startsWith("SCRAM-SHA-256$4096:");
    }
}
