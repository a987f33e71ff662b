package io.shaledb.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes replies into a buffer, in RESP2 or RESP3 as the client chose with HELLO. Where the two
 * differ this picks the form: a RESP3 map ({@code %}) is a flat array in RESP2, a RESP3 null
 * ({@code _}) is {@code $-1} or {@code *-1}, a RESP3 double ({@code ,}) a bulk string.
 */
final class RespWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private ByteBuf buf;
    private int protocol = 2;

    RespWriter(ByteBuf buf) {
        this.buf = buf;
    }

    void protocol(int version) {
        this.protocol = version;
    }

    int protocol() {
        return protocol;
    }

    ByteBuf buffer() {
        return buf;
    }

    /** Hands the filled buffer over and continues in {@code next}. */
    ByteBuf swap(ByteBuf next) {
        ByteBuf full = buf;
        buf = next;
        return full;
    }

    void ok() {
        simple("OK");
    }

    void simple(String s) {
        buf.writeByte('+').writeCharSequence(s, StandardCharsets.UTF_8);
        buf.writeBytes(CRLF);
    }

    /** An error reply; {@code message} starts with its code (ERR, WRONGTYPE, ...). */
    void error(String message) {
        buf.writeByte('-').writeCharSequence(message.replace('\r', ' ').replace('\n', ' '), StandardCharsets.UTF_8);
        buf.writeBytes(CRLF);
    }

    void integer(long n) {
        buf.writeByte(':');
        writeNumber(n);
    }

    void bulk(byte[] b) {
        if (b == null) {
            nullBulk();
            return;
        }
        buf.writeByte('$');
        writeNumber(b.length);
        buf.writeBytes(b).writeBytes(CRLF);
    }

    void bulk(String s) {
        bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    void nullBulk() {
        if (protocol == 3) {
            buf.writeByte('_').writeBytes(CRLF);
        } else {
            buf.writeByte('$').writeByte('-').writeByte('1').writeBytes(CRLF);
        }
    }

    /** A RESP3 double ({@code ,1.5}); {@code text} is already in Redis's format. */
    void doubleValue(String text) {
        buf.writeByte(',').writeCharSequence(text, StandardCharsets.US_ASCII);
        buf.writeBytes(CRLF);
    }

    void nullArray() {
        if (protocol == 3) {
            buf.writeByte('_').writeBytes(CRLF);
        } else {
            buf.writeByte('*').writeByte('-').writeByte('1').writeBytes(CRLF);
        }
    }

    void array(int n) {
        buf.writeByte('*');
        writeNumber(n);
    }

    /** A map header of {@code n} pairs: RESP3 {@code %n}, RESP2 an array of {@code 2n}. */
    void map(int n) {
        if (protocol == 3) {
            buf.writeByte('%');
            writeNumber(n);
        } else {
            array(2 * n);
        }
    }

    /** A set header of {@code n} members: RESP3 {@code ~n}, RESP2 an array. */
    void set(int n) {
        if (protocol == 3) {
            buf.writeByte('~');
            writeNumber(n);
        } else {
            array(n);
        }
    }

    void bulkArray(List<byte[]> items) {
        array(items.size());
        for (byte[] b : items) {
            bulk(b);
        }
    }

    /** A verbatim-text reply (INFO): RESP3 {@code =n\r\ntxt:...}, RESP2 a bulk string. */
    void verbatim(String text) {
        if (protocol == 3) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            buf.writeByte('=');
            writeNumber(b.length + 4);
            buf.writeCharSequence("txt:", StandardCharsets.US_ASCII);
            buf.writeBytes(b).writeBytes(CRLF);
        } else {
            bulk(text);
        }
    }

    private void writeNumber(long n) {
        buf.writeCharSequence(Long.toString(n), StandardCharsets.US_ASCII);
        buf.writeBytes(CRLF);
    }
}
