package io.shaledb.resp;

import io.shaledb.kv.KvDatabase;
import io.shaledb.kv.KvException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** A command's arguments, index 0 being the command name, with Redis's argument parsing. */
record Args(List<byte[]> all) {
    int size() {
        return all.size();
    }

    byte[] get(int i) {
        return all.get(i);
    }

    List<byte[]> from(int i) {
        return all.subList(i, all.size());
    }

    String string(int i) {
        return new String(all.get(i), StandardCharsets.UTF_8);
    }

    /** Argument {@code i} upper-cased, for option names. */
    String option(int i) {
        return string(i).toUpperCase(Locale.ROOT);
    }

    boolean is(int i, String option) {
        return string(i).equalsIgnoreCase(option);
    }

    /** Argument {@code i} as a 64-bit integer, else {@code ERR value is not an integer or out of range}. */
    long integer(int i) {
        Long n = KvDatabase.strictLong(all.get(i));
        if (n == null) {
            throw new RespError(KvException.NOT_INTEGER);
        }
        return n;
    }

    /** The command name, lower-cased, for messages. */
    String name() {
        return string(0).toLowerCase(Locale.ROOT);
    }
}
