package io.shaledb.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shaledb.testkit.client.PgRawClient;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framing state machine on its own, fed byte by byte as a slow network would. */
class FrontendDecoderTest {

    private static List<FrontendMessage> decode(int maxMessageBytes, byte[] stream, int chunk) {
        FrontendDecoder decoder = new FrontendDecoder(maxMessageBytes);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        List<FrontendMessage> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, i, Math.min(chunk, stream.length - i)));
            drain(ch, decoder, out);
        }
        drain(ch, decoder, out);
        ch.finishAndReleaseAll();
        return out;
    }

    /** Collects decoded messages; answers an SSLRequest with 'N' as the connection does, so decoding goes on. */
    private static void drain(EmbeddedChannel ch, FrontendDecoder decoder, List<FrontendMessage> out) {
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((FrontendMessage) o);
            if (o instanceof FrontendMessage.SslRequest) {
                decoder.sslAnswered();
                ch.writeInbound(Unpooled.EMPTY_BUFFER);
            }
            if (o instanceof FrontendMessage.Startup) {
                decoder.authenticated(); // what the connection does once the client is authenticated
                ch.config().setAutoRead(true);
                ch.writeInbound(Unpooled.EMPTY_BUFFER);
            }
        }
    }

    @Test
    void nothingIsDecodedBehindAnSslRequestUntilItIsAnswered() {
        FrontendDecoder decoder = new FrontendDecoder(1024);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(
                java.nio.ByteBuffer.allocate(8).putInt(8).putInt(FrontendDecoder.SSL_REQUEST_CODE).array(),
                PgRawClient.startupPacket(196608, "user", "u"))));
        assertThat((Object) ch.readInbound()).isEqualTo(new FrontendMessage.SslRequest());
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(decoder.bytesAfterSslRequest()).isPositive(); // what TLS would refuse as injected plaintext
        decoder.sslAnswered();
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        assertThat((Object) ch.readInbound()).isInstanceOf(FrontendMessage.Startup.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void beforeAuthenticationOnlySmallPasswordMessagesAreDecodedAndTheRestIsHeld() {
        FrontendDecoder decoder = new FrontendDecoder(64 * 1024 * 1024);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(concat(PgRawClient.startupPacket(196608, "user", "u"),
                PgRawClient.message('p', "secret\0".getBytes()), PgRawClient.query("select 1"))));
        assertThat((Object) ch.readInbound()).isInstanceOf(FrontendMessage.Startup.class);
        assertThat((Object) ch.readInbound()).isInstanceOf(FrontendMessage.PasswordMessage.class);
        assertThat((Object) ch.readInbound()).isNull();           // the query waits for authentication
        assertThat(ch.config().isAutoRead()).isFalse();
        decoder.authenticated();
        ch.writeInbound(Unpooled.EMPTY_BUFFER);
        assertThat((Object) ch.readInbound()).isEqualTo(new FrontendMessage.Query("select 1"));
        ch.finishAndReleaseAll();

        FrontendDecoder stranger = new FrontendDecoder(64 * 1024 * 1024);
        EmbeddedChannel other = new EmbeddedChannel(stranger);
        other.writeInbound(Unpooled.wrappedBuffer(concat(PgRawClient.startupPacket(196608, "user", "u"),
                new byte[] {'p', 0, 1, 0, 0})));                    // claims 64 KiB + 1 before authenticating
        assertThat((Object) other.readInbound()).isInstanceOf(FrontendMessage.Startup.class);
        assertThat((Object) other.readInbound()).isInstanceOfSatisfying(FrontendMessage.Fatal.class,
                f -> assertThat(f.error().message()).isEqualTo("invalid message length"));
        other.finishAndReleaseAll();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void sameMessagesWhateverTheFragmentation() {
        byte[] stream = concat(
                java.nio.ByteBuffer.allocate(8).putInt(8).putInt(FrontendDecoder.SSL_REQUEST_CODE).array(),
                PgRawClient.startupPacket(196608, "user", "u", "database", "d"),
                PgRawClient.query("select 'ünï'"),
                PgRawClient.message('S', new byte[0]),
                PgRawClient.message('X', new byte[0]));
        List<FrontendMessage> expected = List.of(
                new FrontendMessage.SslRequest(),
                new FrontendMessage.Startup(3, 0, Map.of("user", "u", "database", "d"), List.of()),
                new FrontendMessage.Query("select 'ünï'"),
                new FrontendMessage.Sync(),
                new FrontendMessage.Terminate());
        for (int chunk : new int[] {1, 2, 3, 7, stream.length}) {
            assertThat(decode(1024, stream, chunk)).as("chunk %d", chunk).isEqualTo(expected);
        }
    }

    @Test
    void oversizedClaimIsRefusedAfterTheHeaderAndTheRestIsDiscarded() {
        byte[] header = {'Q', 0, 0, 0x10, 0};   // claims 4096 bytes, limit 1024
        byte[] stream = concat(PgRawClient.startupPacket(196608, "user", "u"), header, new byte[100], PgRawClient.query("select 1"));
        List<FrontendMessage> out = decode(1024, stream, 5);
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isInstanceOfSatisfying(FrontendMessage.Fatal.class, f -> {
            assertThat(f.error().code()).isEqualTo("08P01");
            assertThat(f.error().message()).isEqualTo("invalid message length");
        });
    }

    @Test
    void messageOfExactlyTheLimitIsAccepted() {
        int limit = 1024;
        byte[] text = new byte[limit - 4 - 1];
        java.util.Arrays.fill(text, (byte) 'x');
        byte[] stream = concat(PgRawClient.startupPacket(196608, "user", "u"), PgRawClient.query(new String(text)));
        assertThat(decode(limit, stream, 64)).last().isInstanceOf(FrontendMessage.Query.class);
        byte[] tooLong = concat(PgRawClient.startupPacket(196608, "user", "u"), PgRawClient.query(new String(text) + "y"));
        assertThat(decode(limit, tooLong, 64)).last().isInstanceOf(FrontendMessage.Fatal.class);
    }

    @Test
    void truncatedMultibyteSequenceIsNamed() {
        byte[] stream = concat(PgRawClient.startupPacket(196608, "user", "u"),
                PgRawClient.message('Q', new byte[] {'a', (byte) 0xE2, (byte) 0x82, 0}));
        assertThat(decode(1024, stream, 3)).last().isInstanceOfSatisfying(FrontendMessage.Invalid.class, i -> {
            assertThat(i.error().code()).isEqualTo("22021");
            assertThat(i.error().message()).isEqualTo("invalid byte sequence for encoding \"UTF8\": 0xe2 0x82");
        });
    }

    @Test
    void cancelRequestEndsDecoding() {
        byte[] stream = concat(
                java.nio.ByteBuffer.allocate(16).putInt(16).putInt(FrontendDecoder.CANCEL_REQUEST_CODE).putInt(7).putInt(9).array(),
                PgRawClient.query("select 1"));
        assertThat(decode(1024, stream, 4)).containsExactly(new FrontendMessage.CancelRequest(7, 9));
    }
}
