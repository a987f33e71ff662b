package io.shaledb.pgwire.auth;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The few DER (ASN.1 Distinguished Encoding Rules, X.690) encodings an X.509 certificate is made
 * of: every value is tag, length, contents, and a constructed value's contents are its elements'
 * encodings one after the other. This writes only; nothing here parses input from outside.
 */
final class Der {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {}

    /** One value: {@code tag}, the definite length of the concatenated {@code contents}, the contents. */
    static byte[] tlv(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] c : contents) {
            length += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0; // toByteArray's sign byte is not part of a DER length
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        for (byte[] c : contents) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... elements) {
        return tlv(0x30, elements);
    }

    static byte[] set(byte[]... elements) {
        return tlv(0x31, elements);
    }

    /** An INTEGER: two's complement, big-endian, shortest form, which is what {@link BigInteger#toByteArray()} gives. */
    static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    static byte[] nul() {
        return tlv(0x05);
    }

    /** An OBJECT IDENTIFIER from its dotted form: the first two arcs in one number (40 * a + b), each number in base 128. */
    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an object identifier has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        while (groups < 10 && value >>> (7 * groups) != 0) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int bits = (int) (value >>> (7 * g)) & 0x7f;
            out.write(g == 0 ? bits : bits | 0x80); // the high bit says "more of this number follows"
        }
    }

    /** A PrintableString (letters, digits, space and {@code '()+,-./:=?}); the caller keeps to that set. */
    static byte[] printableString(String text) {
        return tlv(0x13, text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A certificate's time as RFC 5280 wants it: UTCTime (two-digit year) through 2049,
     * GeneralizedTime from 2050 on, both in UTC to the second.
     */
    static byte[] time(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        return utc.getYear() < 2050
                ? tlv(0x17, UTC_TIME.format(utc).getBytes(StandardCharsets.US_ASCII))
                : tlv(0x18, GENERALIZED_TIME.format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** A BIT STRING of whole bytes (so no unused bits in the last one). */
    static byte[] bitString(byte[] bytes) {
        return tlv(0x03, new byte[] {0}, bytes);
    }

    static byte[] octetString(byte[] bytes) {
        return tlv(0x04, bytes);
    }

    /** {@code [n] EXPLICIT}: the whole encoding of {@code inner} wrapped in a constructed context-specific tag. */
    static byte[] explicit(int n, byte[] inner) {
        return tlv(0xa0 | n, inner);
    }

    /** {@code [n] IMPLICIT} of a primitive type: the type's contents under a context-specific tag. */
    static byte[] implicit(int n, byte[] contents) {
        return tlv(0x80 | n, contents);
    }
}
