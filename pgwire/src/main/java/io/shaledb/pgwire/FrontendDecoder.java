package io.shaledb.pgwire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the client's byte stream into {@link FrontendMessage}s. Runs on the Netty event loop and
 * never blocks.
 *
 * <pre>
 *   STARTUP --StartupMessage 3.x--> NORMAL --bad length / unknown type--> FAILED
 *      |  ^                            |
 *      |  '-- SSLRequest, GSSENCRequest (stay)                 FAILED discards every byte;
 *      '-- CancelRequest, bad version, bad packet --> FAILED   the worker sends FATAL and closes
 * </pre>
 *
 * <p>Invariant: a message is only buffered once its header has been validated, so a claimed
 * length above {@code maxMessageBytes} is refused after five bytes, without allocating anything
 * for it. Netty's cumulation only ever holds bytes that actually arrived.
 */
final class FrontendDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(FrontendDecoder.class);

    static final int SSL_REQUEST_CODE = 80877103;      // 1234.5679
    static final int GSSENC_REQUEST_CODE = 80877104;   // 1234.5680
    static final int CANCEL_REQUEST_CODE = 80877102;   // 1234.5678
    /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
    static final int MAX_STARTUP_PACKET_LENGTH = 10_000;

    private enum State { STARTUP, AWAIT_SSL_ANSWER, AUTHENTICATING, NORMAL, FAILED }

    /**
     * The largest PasswordMessage / SASL response accepted while a client is not authenticated yet
     * (PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH): a stranger cannot make us buffer more than this.
     */
    static final int MAX_AUTH_MESSAGE_BYTES = 65_535;

    private final int maxMessageBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private State state = State.STARTUP;

    FrontendDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case STARTUP -> decodeStartup(ctx, in, out);
            case AWAIT_SSL_ANSWER -> { } // bytes wait in the cumulation until the worker has answered S or N
            case AUTHENTICATING, NORMAL -> decodeMessage(ctx, in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (state != State.FAILED && in.isReadable()) {
            log.info("client {} disconnected in the middle of a message ({} bytes of it received)",
                    ctx.channel().remoteAddress(), in.readableBytes());
            in.skipBytes(in.readableBytes());
        }
    }

    // ---- startup phase: untyped packets, length word first ----

    private void decodeStartup(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > MAX_STARTUP_PACKET_LENGTH) {
            fail(ctx, in, out, PgError.fatal(PgError.PROTOCOL_VIOLATION, "invalid length of startup packet"), false);
            return;
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(4);
        int code = in.readInt();
        ByteBuf body = in.readSlice(length - 8);
        switch (code) {
            case SSL_REQUEST_CODE -> {
                out.add(new FrontendMessage.SslRequest());
                state = State.AWAIT_SSL_ANSWER;
            }
            case GSSENC_REQUEST_CODE -> out.add(new FrontendMessage.GssEncRequest());
            case CANCEL_REQUEST_CODE -> {
                if (body.readableBytes() != 8) {
                    fail(ctx, in, out, PgError.fatal(PgError.PROTOCOL_VIOLATION, "invalid length of cancel request"), false);
                    return;
                }
                out.add(new FrontendMessage.CancelRequest(body.readInt(), body.readInt()));
                state = State.FAILED; // nothing may follow a cancel request
            }
            default -> decodeStartupMessage(ctx, in, out, code >>> 16, code & 0xFFFF, body);
        }
    }

    private void decodeStartupMessage(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, int major, int minor, ByteBuf body) {
        if (major != 3) {
            String message = "unsupported frontend protocol " + major + "." + minor + ": server supports 3.0 to 3.0";
            fail(ctx, in, out, PgError.fatal(PgError.FEATURE_NOT_SUPPORTED, message), major < 3);
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> protocolOptions = new ArrayList<>();
        try {
            while (true) {
                String name = readCString(body);
                if (name == null) {
                    throw new MalformedException("invalid startup packet layout: expected terminator as last byte");
                }
                if (name.isEmpty()) {
                    break;
                }
                String value = readCString(body);
                if (value == null) {
                    throw new MalformedException("invalid startup packet layout: expected terminator as last byte");
                }
                if (name.startsWith("_pq_.")) {
                    protocolOptions.add(name);
                } else {
                    parameters.put(name, value);
                }
            }
            if (body.isReadable()) {
                throw new MalformedException("invalid startup packet layout: expected terminator as last byte");
            }
        } catch (MalformedException e) {
            fail(ctx, in, out, PgError.fatal(e.code, e.getMessage()), false);
            return;
        }
        out.add(new FrontendMessage.Startup(major, minor, parameters, protocolOptions));
        state = State.AUTHENTICATING;
    }

    /**
     * Bytes the client sent right behind its SSLRequest, before it could have read our answer.
     * Event loop only. Plain bytes there when we answer 'S' would be an injection (they would be
     * taken as if they had come through TLS), so the connection refuses them, as PostgreSQL does.
     */
    int bytesAfterSslRequest() {
        return actualReadableBytes();
    }

    /** The client is authenticated: every message type, up to the configured size. Event loop only. */
    void authenticated() {
        if (state == State.AUTHENTICATING) {
            state = State.NORMAL;
        }
    }

    /** The SSLRequest has been answered: decode the next startup packet. Event loop only. */
    void sslAnswered() {
        if (state == State.AWAIT_SSL_ANSWER) {
            state = State.STARTUP;
        }
    }

    // ---- normal phase: type byte, length word, body ----

    private void decodeMessage(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 1) {
            return;
        }
        int start = in.readerIndex();
        char type = (char) (in.getByte(start) & 0xFF);
        if (!isKnownType(type)) {
            fail(ctx, in, out, PgError.fatal(PgError.PROTOCOL_VIOLATION, "invalid frontend message type " + (int) type), false);
            return;
        }
        int limit = maxMessageBytes;
        if (state == State.AUTHENTICATING) {
            if (type != 'p' && type != 'X') {
                // pipelined behind the startup packet: held, and reading paused, until authenticated()
                ctx.channel().config().setAutoRead(false);
                return;
            }
            limit = Math.min(maxMessageBytes, MAX_AUTH_MESSAGE_BYTES);
        }
        if (in.readableBytes() < 5) {
            return;
        }
        int length = in.getInt(start + 1);
        if (length < 4 || length > limit) {
            PgError error = PgError.fatal(PgError.PROTOCOL_VIOLATION, "invalid message length")
                    .withDetail("Message type '" + type + "' claims " + length
                            + " bytes; the limit is " + limit + ".");
            fail(ctx, in, out, error, false);
            return;
        }
        if (in.readableBytes() < 1 + length) {
            return; // wait for the rest; at most maxMessageBytes get buffered
        }
        in.skipBytes(5);
        ByteBuf body = in.readSlice(length - 4);
        out.add(switch (type) {
            case 'Q' -> decodeQuery(body);
            case 'X' -> new FrontendMessage.Terminate();
            case 'S' -> new FrontendMessage.Sync();
            case 'H' -> new FrontendMessage.Flush();
            case 'd' -> new FrontendMessage.CopyData(ByteBufUtil.getBytes(body));
            case 'c' -> new FrontendMessage.CopyDone();
            case 'f' -> decodeCopyFail(body);
            case 'p' -> new FrontendMessage.PasswordMessage(ByteBufUtil.getBytes(body));
            case 'P', 'B', 'D', 'E', 'C' -> decodeExtended(type, body);
            default -> new FrontendMessage.Unsupported(type); // F
        });
    }

    private static boolean isKnownType(char type) {
        return switch (type) {
            case 'Q', 'X', 'S', 'H', 'P', 'B', 'D', 'E', 'C', 'F', 'd', 'c', 'f', 'p' -> true;
            default -> false;
        };
    }

    private FrontendMessage decodeQuery(ByteBuf body) {
        int nul = body.indexOf(body.readerIndex(), body.writerIndex(), (byte) 0);
        if (nul < 0) {
            return new FrontendMessage.Invalid(PgError.error(PgError.PROTOCOL_VIOLATION, "invalid string in message"));
        }
        if (nul != body.writerIndex() - 1) {
            return new FrontendMessage.Invalid(PgError.error(PgError.PROTOCOL_VIOLATION, "invalid message format"));
        }
        try {
            return new FrontendMessage.Query(decodeUtf8(body.slice(body.readerIndex(), nul - body.readerIndex())));
        } catch (MalformedException e) {
            return new FrontendMessage.Invalid(PgError.error(e.code, e.getMessage()));
        }
    }

    /** Parse, Bind, Describe, Execute, Close: fields as PostgreSQL lays them out; a bad layout is an ERROR 08P01. */
    private FrontendMessage decodeExtended(char type, ByteBuf body) {
        try {
            FrontendMessage m = switch (type) {
                case 'P' -> {
                    String name = requireCString(body);
                    String sql = requireCString(body);
                    int n = readCount(body, 4);
                    int[] types = new int[n];
                    for (int i = 0; i < n; i++) {
                        types[i] = body.readInt();
                    }
                    yield new FrontendMessage.Parse(name, sql, types);
                }
                case 'B' -> {
                    String portal = requireCString(body);
                    String statement = requireCString(body);
                    short[] formats = readShorts(body);
                    int n = readCount(body, 4);
                    byte[][] values = new byte[n][];
                    for (int i = 0; i < n; i++) {
                        int length = body.readInt();
                        if (length < -1 || length > body.readableBytes()) {
                            throw new MalformedException("insufficient data left in message");
                        }
                        values[i] = length < 0 ? null : ByteBufUtil.getBytes(body.readSlice(length));
                    }
                    yield new FrontendMessage.Bind(portal, statement, formats, values, readShorts(body));
                }
                case 'D', 'C' -> {
                    char kind = (char) body.readByte();
                    String name = requireCString(body);
                    if (kind != 'S' && kind != 'P') {
                        throw new MalformedException("invalid " + (type == 'D' ? "DESCRIBE" : "CLOSE") + " message subtype " + (int) kind);
                    }
                    yield type == 'D' ? new FrontendMessage.Describe(kind, name) : new FrontendMessage.Close(kind, name);
                }
                default -> {
                    String portal = requireCString(body);
                    yield new FrontendMessage.Execute(portal, body.readInt());
                }
            };
            if (body.isReadable()) {
                throw new MalformedException("invalid message format");
            }
            return m;
        } catch (MalformedException e) {
            return new FrontendMessage.Malformed(type, PgError.error(e.code, e.getMessage()));
        } catch (IndexOutOfBoundsException e) {
            return new FrontendMessage.Malformed(type, PgError.error(PgError.PROTOCOL_VIOLATION, "insufficient data left in message"));
        }
    }

    private String requireCString(ByteBuf body) throws MalformedException {
        String s = readCString(body);
        if (s == null) {
            throw new MalformedException("invalid string in message");
        }
        return s;
    }

    /** A 16-bit count of items of at least {@code itemBytes} each, checked against what the message holds. */
    private static int readCount(ByteBuf body, int itemBytes) throws MalformedException {
        int n = body.readUnsignedShort();
        if ((long) n * itemBytes > body.readableBytes()) {
            throw new MalformedException("insufficient data left in message");
        }
        return n;
    }

    private static short[] readShorts(ByteBuf body) throws MalformedException {
        int n = readCount(body, 2);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = body.readShort();
        }
        return out;
    }

    private FrontendMessage decodeCopyFail(ByteBuf body) {
        try {
            String message = readCString(body);
            return new FrontendMessage.CopyFail(message == null ? "" : message);
        } catch (MalformedException e) {
            return new FrontendMessage.CopyFail("");
        }
    }

    // ---- helpers ----

    /** Reads a NUL-terminated string, or returns null if there is no terminator. */
    private String readCString(ByteBuf buf) throws MalformedException {
        int nul = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (nul < 0) {
            return null;
        }
        String s = decodeUtf8(buf.slice(buf.readerIndex(), nul - buf.readerIndex()));
        buf.readerIndex(nul + 1);
        return s;
    }

    /** Strict UTF-8: a bad sequence is reported as PostgreSQL words it, naming the offending bytes. */
    private String decodeUtf8(ByteBuf bytes) throws MalformedException {
        if (!bytes.isReadable()) {
            return "";
        }
        ByteBuffer nio = bytes.nioBufferCount() == 1 ? bytes.nioBuffer() : ByteBuffer.wrap(ByteBufUtil.getBytes(bytes));
        utf8.reset();
        CharBuffer chars = CharBuffer.allocate((int) (nio.remaining() * (double) utf8.maxCharsPerByte()) + 1);
        CoderResult result = utf8.decode(nio, chars, true);
        if (result.isError()) {
            throw invalidUtf8(nio, result.length());
        }
        result = utf8.flush(chars);
        if (result.isError()) {
            throw invalidUtf8(nio, 1);
        }
        chars.flip();
        return chars.toString();
    }

    private static MalformedException invalidUtf8(ByteBuffer at, int badLength) {
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < badLength && at.hasRemaining(); i++) {
            if (i > 0) {
                bytes.append(' ');
            }
            bytes.append("0x").append(HexFormat.of().toHexDigits(at.get()));
        }
        return new MalformedException(PgError.CHARACTER_NOT_IN_REPERTOIRE,
                "invalid byte sequence for encoding \"UTF8\": " + bytes);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, PgError error, boolean legacyV2) {
        log.info("protocol violation from {}: {}{}", ctx.channel().remoteAddress(), error.message(),
                error.detail() == null ? "" : " (" + error.detail() + ")");
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new FrontendMessage.Fatal(error, legacyV2));
    }

    /** A broken field inside a well-framed packet. */
    private static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        MalformedException(String message) {
            this(PgError.PROTOCOL_VIOLATION, message);
        }

        MalformedException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
