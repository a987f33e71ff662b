package io.shaledb.resp;

import io.shaledb.kv.SetOptions;
import java.util.ArrayList;
import java.util.List;

/** The string family: SET and its variants, GET and its variants, counters, APPEND and ranges. */
final class StringCommands {
    private StringCommands() {}

    static void register(CommandTable t) {
        t.add("get", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.bulk(c.db().get(a.get(1))));
        t.add("set", -3, "write denyoom", 1, 1, 1, StringCommands::set);
        t.add("setnx", 3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(
                c.db().set(a.get(1), a.get(2), new SetOptions(SetOptions.Condition.IF_ABSENT, SetOptions.Expiry.CLEAR, 0, false))
                        .written() ? 1 : 0));
        t.add("setex", 4, "write denyoom", 1, 1, 1, (c, a, out) -> setWithTtl(c, a, out, 1000));
        t.add("psetex", 4, "write denyoom", 1, 1, 1, (c, a, out) -> setWithTtl(c, a, out, 1));
        t.add("getset", 3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.bulk(
                c.db().set(a.get(1), a.get(2), new SetOptions(SetOptions.Condition.ALWAYS, SetOptions.Expiry.CLEAR, 0, true)).old()));
        t.add("getdel", 2, "write fast", 1, 1, 1, (c, a, out) -> out.bulk(c.db().getDel(a.get(1))));
        t.add("getex", -2, "write fast", 1, 1, 1, StringCommands::getEx);
        t.add("mget", -2, "readonly fast", 1, -1, 1, (c, a, out) -> out.bulkArray(c.db().mget(a.from(1))));
        t.add("mset", -3, "write denyoom", 1, -1, 2, (c, a, out) -> {
            mset(c, a, false);
            out.ok();
        });
        t.add("msetnx", -3, "write denyoom", 1, -1, 2, (c, a, out) -> out.integer(mset(c, a, true) ? 1 : 0));
        t.add("incr", 2, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().incrBy(a.get(1), 1)));
        t.add("decr", 2, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().incrBy(a.get(1), -1)));
        t.add("incrby", 3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().incrBy(a.get(1), a.integer(2))));
        t.add("decrby", 3, "write denyoom fast", 1, 1, 1, (c, a, out) -> {
            long by = a.integer(2);
            if (by == Long.MIN_VALUE) {
                throw new RespError("ERR decrement would overflow");
            }
            out.integer(c.db().incrBy(a.get(1), -by));
        });
        t.add("incrbyfloat", 3, "write denyoom fast", 1, 1, 1, (c, a, out) ->
                out.bulk(c.db().incrByFloat(a.get(1), a.get(2))));
        t.add("append", 3, "write denyoom fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().append(a.get(1), a.get(2))));
        t.add("strlen", 2, "readonly fast", 1, 1, 1, (c, a, out) -> out.integer(c.db().strlen(a.get(1))));
        t.add("getrange", 4, "readonly", 1, 1, 1, (c, a, out) ->
                out.bulk(c.db().getRange(a.get(1), a.integer(2), a.integer(3))));
        t.add("substr", 4, "readonly", 1, 1, 1, (c, a, out) ->
                out.bulk(c.db().getRange(a.get(1), a.integer(2), a.integer(3))));
        t.add("setrange", 4, "write denyoom", 1, 1, 1, (c, a, out) ->
                out.integer(c.db().setRange(a.get(1), a.integer(2), a.get(3))));
    }

    private static void set(Client c, Args a, RespWriter out) {
        SetOptions.Condition condition = SetOptions.Condition.ALWAYS;
        SetOptions.Expiry expiry = SetOptions.Expiry.CLEAR;
        long expireAt = 0;
        boolean get = false;
        boolean expirySet = false;
        String expiryOption = null;
        int expiryArg = -1;
        for (int i = 3; i < a.size(); i++) {
            String opt = a.option(i);
            switch (opt) {
                case "NX", "XX" -> {
                    SetOptions.Condition want = opt.equals("NX") ? SetOptions.Condition.IF_ABSENT : SetOptions.Condition.IF_PRESENT;
                    if (condition != SetOptions.Condition.ALWAYS && condition != want) {
                        throw new RespError(RespError.SYNTAX);
                    }
                    condition = want;
                }
                case "GET" -> get = true;
                case "KEEPTTL" -> {
                    if (expirySet && expiry != SetOptions.Expiry.KEEP) {
                        throw new RespError(RespError.SYNTAX);
                    }
                    expiry = SetOptions.Expiry.KEEP;
                    expirySet = true;
                }
                case "EX", "PX", "EXAT", "PXAT" -> {
                    if (expirySet || i + 1 >= a.size()) {
                        throw new RespError(RespError.SYNTAX);
                    }
                    expiryOption = opt;
                    expiryArg = ++i;
                    expiry = SetOptions.Expiry.AT;
                    expirySet = true;
                }
                default -> throw new RespError(RespError.SYNTAX);
            }
        }
        if (expiryOption != null) { // as Redis: every option's syntax first, then the number
            expireAt = expireArgument(expiryOption, a.integer(expiryArg), "set");
        }
        SetOptions.Result r = c.db().set(a.get(1), a.get(2), new SetOptions(condition, expiry, expireAt, get));
        if (get) {
            out.bulk(r.old());
        } else if (r.written()) {
            out.ok();
        } else {
            out.nullBulk();
        }
    }

    /** EX/PX/EXAT/PXAT {@code n} as a deadline; zero, negative or overflowing is an invalid expire time. */
    private static long expireArgument(String option, long n, String command) {
        if (n <= 0) {
            throw new RespError("ERR invalid expire time in '" + command + "' command");
        }
        return switch (option) {
            case "EX" -> KeyCommands.deadline(n, 1000, false, command);
            case "PX" -> KeyCommands.deadline(n, 1, false, command);
            case "EXAT" -> KeyCommands.deadline(n, 1000, true, command);
            default -> n;
        };
    }

    private static void setWithTtl(Client c, Args a, RespWriter out, long unit) {
        long n = a.integer(2);
        long at = expireArgument(unit == 1000 ? "EX" : "PX", n, a.name());
        c.db().set(a.get(1), a.get(3), new SetOptions(SetOptions.Condition.ALWAYS, SetOptions.Expiry.AT, at, false));
        out.ok();
    }

    private static void getEx(Client c, Args a, RespWriter out) {
        SetOptions.Expiry expiry = SetOptions.Expiry.KEEP;
        long at = 0;
        boolean chosen = false;
        String expiryOption = null;
        int expiryArg = -1;
        for (int i = 2; i < a.size(); i++) {
            String opt = a.option(i);
            if (chosen) {
                throw new RespError(RespError.SYNTAX);
            }
            switch (opt) {
                case "PERSIST" -> expiry = SetOptions.Expiry.CLEAR;
                case "EX", "PX", "EXAT", "PXAT" -> {
                    if (i + 1 >= a.size()) {
                        throw new RespError(RespError.SYNTAX);
                    }
                    expiryOption = opt;
                    expiryArg = ++i;
                    expiry = SetOptions.Expiry.AT;
                }
                default -> throw new RespError(RespError.SYNTAX);
            }
            chosen = true;
        }
        if (expiryOption != null) {
            at = expireArgument(expiryOption, a.integer(expiryArg), "getex");
        }
        out.bulk(c.db().getEx(a.get(1), expiry, at));
    }

    private static boolean mset(Client c, Args a, boolean onlyIfNoneExist) {
        if (a.size() % 2 == 0) {
            throw ConnectionCommands.wrongArity(a.name());
        }
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 1; i < a.size(); i += 2) {
            keys.add(a.get(i));
            values.add(a.get(i + 1));
        }
        return c.db().mset(keys, values, onlyIfNoneExist);
    }
}
