package io.shaledb.kv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The kv tests' conversions between strings and the byte strings the store speaks (null stays null). */
final class Utf8 {
    private Utf8() {}

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static List<String> strings(List<byte[]> l) {
        return l == null ? null : l.stream().map(Utf8::s).toList();
    }
}
