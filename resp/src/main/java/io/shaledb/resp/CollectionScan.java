package io.shaledb.resp;

import io.shaledb.kv.KvScan;

/** HSCAN, SSCAN and ZSCAN's common arguments ({@code key cursor [MATCH pattern] [COUNT count]}) and reply. */
final class CollectionScan {
    private CollectionScan() {}

    /** One page of a collection, given cursor, pattern (null: all) and count. */
    @FunctionalInterface
    interface Pager {
        KvScan.Page page(long cursor, byte[] pattern, long count);
    }

    /** How a page's entries are written: field and payload of each. */
    @FunctionalInterface
    interface EntryWriter {
        void write(RespWriter out, byte[][] entry);
    }

    /**
     * Parses the arguments, reads one page and replies {@code [cursor, [items...]]}, each entry
     * {@code perEntry} items long. As in Redis, the cursor is checked before the key, the options after.
     */
    static void run(Args a, RespWriter out, Pager pager, int perEntry, EntryWriter writer) {
        long cursor = cursor(a.get(2));
        byte[] pattern = null;
        long count = 10;
        RespError badOption = null;
        try {
            for (int i = 3; i < a.size(); i += 2) {
                if (i + 1 >= a.size()) {
                    throw new RespError(RespError.SYNTAX);
                }
                switch (a.option(i)) {
                    case "MATCH" -> pattern = a.get(i + 1);
                    case "COUNT" -> {
                        count = a.integer(i + 1);
                        if (count < 1) {
                            throw new RespError(RespError.SYNTAX);
                        }
                    }
                    default -> throw new RespError(RespError.SYNTAX);
                }
            }
        } catch (RespError e) {
            badOption = e;
            count = 10;
        }
        if (pattern != null && pattern.length == 1 && pattern[0] == '*') {
            pattern = null;
        }
        KvScan.Page page = pager.page(cursor, pattern, count);
        if (page == null) { // a missing key: Redis replies an empty scan before looking at the options
            page = KvScan.Page.EMPTY;
        } else if (badOption != null) {
            throw badOption;
        }
        out.array(2);
        out.bulk(Long.toString(page.cursor()));
        out.array(page.entries().size() * perEntry);
        for (byte[][] e : page.entries()) {
            writer.write(out, e);
        }
    }

    /**
     * A cursor as Redis's strtoul reads it: optional sign, digits; a negative or huge one is a
     * cursor we never issued (the scan then ends). Anything else is {@code ERR invalid cursor}.
     */
    static long cursor(byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        if (!s.matches("[+-]?[0-9]+")) {
            throw new RespError("ERR invalid cursor");
        }
        if (s.startsWith("-")) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            try {
                Long.parseUnsignedLong(s.startsWith("+") ? s.substring(1) : s);
                return Long.MAX_VALUE;
            } catch (NumberFormatException tooBig) {
                throw new RespError("ERR invalid cursor");
            }
        }
    }
}
