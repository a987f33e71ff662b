package io.shaledb.resp;

import java.util.ArrayList;
import java.util.List;

/**
 * COMMAND GETKEYS: the key arguments of a command line, from the command's key positions
 * (first, last, step) or, for SORT, its STORE target (the last one, skipping the arguments of
 * LIMIT, GET and BY as Redis's sortGetKeys does). Errors are Redis 7.0's texts.
 */
final class CommandKeys {
    private CommandKeys() {}

    static void getKeys(CommandTable table, Args a, RespWriter out) {
        if (a.size() < 4) {
            throw ConnectionCommands.wrongArity("command|getkeys");
        }
        Command cmd = table.lookup(a.get(2));
        if (cmd == null) {
            throw new RespError("ERR Invalid command specified");
        }
        Args line = new Args(a.from(2));
        if (!cmd.arityAllows(line.size())) {
            throw new RespError("ERR Invalid number of arguments specified for command");
        }
        out.bulkArray(keys(cmd, line));
    }

    /** The key arguments of {@code line} (index 0 the command name) run as {@code cmd}. */
    static List<byte[]> keys(Command cmd, Args line) {
        if (cmd.name().equals("sort")) {
            return sortKeys(line);
        }
        if (cmd.firstKey() <= 0) {
            throw new RespError("ERR The command has no key arguments");
        }
        List<byte[]> keys = new ArrayList<>();
        int last = cmd.lastKey() < 0 ? line.size() + cmd.lastKey() : Math.min(cmd.lastKey(), line.size() - 1);
        for (int i = cmd.firstKey(); i <= last; i += Math.max(1, cmd.step())) {
            keys.add(line.get(i));
        }
        return keys;
    }

    private static List<byte[]> sortKeys(Args line) {
        List<byte[]> keys = new ArrayList<>(List.of(line.get(1)));
        byte[] store = null;
        for (int i = 2; i < line.size(); i++) {
            if (line.is(i, "LIMIT")) {
                i += 2;
            } else if (line.is(i, "GET") || line.is(i, "BY")) {
                i += 1;
            } else if (line.is(i, "STORE") && i + 1 < line.size()) {
                store = line.get(i + 1); // the last STORE wins, as in SORT itself
            }
        }
        if (store != null) {
            keys.add(store);
        }
        return keys;
    }
}
