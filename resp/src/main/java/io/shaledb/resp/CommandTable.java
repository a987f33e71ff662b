package io.shaledb.resp;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Every command the server knows, by lower-case name; each family registers its own. */
final class CommandTable {
    private final Map<String, Command> byName = new TreeMap<>();

    static CommandTable standard() {
        CommandTable t = new CommandTable();
        ConnectionCommands.register(t);
        ServerCommands.register(t);
        KeyCommands.register(t);
        StringCommands.register(t);
        HashCommands.register(t);
        SortedSetCommands.register(t);
        ListCommands.register(t);
        SetCommands.register(t);
        SortedSetRangeCommands.register(t);
        SortedSetAlgebraCommands.register(t);
        DumpCommands.register(t);
        TransactionCommands.register(t);
        AclCommands.register(t);
        ConfigCommands.register(t);
        FunctionCommands.register(t);
        ObjectCommands.register(t);
        return t;
    }

    /** Registers a command; {@code flags} is a space-separated list such as {@code "write fast"}. */
    void add(String name, int arity, String flags, int firstKey, int lastKey, int step, Command.Handler handler) {
        List<String> f = flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" "));
        if (byName.put(name, new Command(name, arity, f, firstKey, lastKey, step, handler)) != null) {
            throw new IllegalStateException("command registered twice: " + name);
        }
    }

    Command lookup(byte[] name) {
        return byName.get(new String(name, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    Command lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    Collection<Command> all() {
        return byName.values();
    }
}
