package io.shaledb.resp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Splits the client's byte stream into commands: RESP arrays of bulk strings
 * ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) and inline commands ({@code GET k\r\n}). Emits a
 * {@code List<byte[]>} per command, or one {@link ProtocolError} after which it discards all input
 * (the connection replies and closes, as Redis does).
 *
 * <p>Limits are checked on the declared lengths, before anything is allocated: a bulk longer than
 * {@code maxBulkLength} (proto-max-bulk-len) or a multibulk count beyond {@link Integer#MAX_VALUE}
 * is refused at once, and an unauthenticated client may declare at most 10 arguments of at most
 * 16 KiB. Arguments are collected one by one as they arrive, never into an array sized by the
 * client's claim.
 */
final class RespDecoder extends ByteToMessageDecoder {
    /** Longest inline command, and longest length line ({@code *N} / {@code $N}). */
    static final int MAX_INLINE = 64 * 1024;
    private static final int UNAUTHENTICATED_MAX_ARGS = 10;
    private static final int UNAUTHENTICATED_MAX_BULK = 16 * 1024;

    /** A malformed request: the text follows {@code -ERR } in the reply. */
    record ProtocolError(String message) {}

    /** proto-max-bulk-len, read per bulk so that CONFIG SET applies at once, as in Redis. */
    private final java.util.function.LongSupplier maxBulkLength;
    private final BooleanSupplier authenticated;

    private long argsLeft = -1;
    private List<byte[]> args;
    private long bulkLength = -1;
    private boolean failed;

    RespDecoder(java.util.function.LongSupplier maxBulkLength, BooleanSupplier authenticated) {
        this.maxBulkLength = maxBulkLength;
        this.authenticated = authenticated;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.isReadable()) {
            if (argsLeft < 0 && !startRequest(in, out)) {
                return;
            }
            while (argsLeft > 0) {
                if (bulkLength < 0 && !readBulkHeader(in, out)) {
                    return;
                }
                if (in.readableBytes() < bulkLength + 2) {
                    return;
                }
                byte[] arg = new byte[(int) bulkLength];
                in.readBytes(arg);
                in.skipBytes(2);
                args.add(arg);
                bulkLength = -1;
                argsLeft--;
            }
            if (argsLeft == 0) {
                out.add(args);
                args = null;
                argsLeft = -1;
            }
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    /** Reads a {@code *N} line or a whole inline command; false when more input is needed. */
    private boolean startRequest(ByteBuf in, List<Object> out) {
        if (in.getByte(in.readerIndex()) != '*') {
            return readInline(in, out);
        }
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
        if (eol < 0 || eol + 1 >= in.writerIndex()) {
            if (in.readableBytes() > MAX_INLINE) {
                fail(out, "too big mbulk count string");
            }
            return false;
        }
        Long n = parseLength(in, in.readerIndex() + 1, eol);
        in.readerIndex(eol + 2);
        if (n == null || n > Integer.MAX_VALUE) {
            fail(out, "invalid multibulk length");
            return false;
        }
        if (n > UNAUTHENTICATED_MAX_ARGS && !authenticated.getAsBoolean()) {
            fail(out, "unauthenticated multibulk length");
            return false;
        }
        if (n <= 0) {
            return true; // "*0" and "*-1" are empty requests: ignored
        }
        argsLeft = n;
        args = new ArrayList<>((int) Math.min(n, 1024));
        return true;
    }

    private boolean readBulkHeader(ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first != '$') {
            fail(out, "expected '$', got '" + (char) (first & 0xFF) + "'");
            return false;
        }
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
        if (eol < 0 || eol + 1 >= in.writerIndex()) {
            if (in.readableBytes() > MAX_INLINE) {
                fail(out, "too big bulk count string");
            }
            return false;
        }
        Long n = parseLength(in, in.readerIndex() + 1, eol);
        in.readerIndex(eol + 2);
        if (n == null || n < 0 || n > maxBulkLength.getAsLong()) {
            fail(out, "invalid bulk length");
            return false;
        }
        if (n > UNAUTHENTICATED_MAX_BULK && !authenticated.getAsBoolean()) {
            fail(out, "unauthenticated bulk length");
            return false;
        }
        bulkLength = n;
        return true;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int eol = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (eol < 0) {
            if (in.readableBytes() > MAX_INLINE) {
                fail(out, "too big inline request");
            }
            return false;
        }
        int end = eol > in.readerIndex() && in.getByte(eol - 1) == '\r' ? eol - 1 : eol;
        byte[] line = new byte[end - in.readerIndex()];
        in.getBytes(in.readerIndex(), line);
        in.readerIndex(eol + 1);
        List<byte[]> words = InlineSplitter.split(line);
        if (words == null) {
            fail(out, "unbalanced quotes in request");
            return false;
        }
        if (!words.isEmpty()) {
            out.add(words);
        }
        return true;
    }

    /** The decimal number in {@code [from, to)}, or null when it is not one. */
    private static Long parseLength(ByteBuf in, int from, int to) {
        if (to <= from || to - from > 19) {
            return null;
        }
        String s = in.toString(from, to - from, StandardCharsets.US_ASCII);
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void fail(List<Object> out, String message) {
        failed = true;
        args = null;
        out.add(new ProtocolError("Protocol error: " + message));
    }
}
