package io.shaledb.resp;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every command the server knows, by lower-case name; each family registers its own. A request's
 * name is looked up case-insensitively straight from its bytes (an open-addressing table rebuilt
 * at each registration), since every command pays for that lookup.
 */
final class CommandTable {
    private final Map<String, Command> byName = new TreeMap<>();
    private Command[] slots = new Command[0];

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
        BitCommands.register(t);
        SortCommands.register(t);
        KeyspaceCommands.register(t);
        return t;
    }

    /** Registers a command; {@code flags} is a space-separated list such as {@code "write fast"}. */
    void add(String name, int arity, String flags, int firstKey, int lastKey, int step, Command.Handler handler) {
        List<String> f = flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" "));
        if (byName.put(name, new Command(name, arity, f, firstKey, lastKey, step, handler)) != null) {
            throw new IllegalStateException("command registered twice: " + name);
        }
        Command[] table = new Command[Integer.highestOneBit(byName.size() * 4 - 1) << 1];
        for (Command c : byName.values()) {
            int i = hash(c.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII)) & (table.length - 1);
            while (table[i] != null) {
                i = (i + 1) & (table.length - 1);
            }
            table[i] = c;
        }
        slots = table;
    }

    /** The command named {@code name} in any letter case, or null; allocates nothing. */
    Command lookup(byte[] name) {
        Command[] table = slots;
        int mask = table.length - 1;
        for (int i = hash(name) & mask; table[i] != null; i = (i + 1) & mask) {
            if (sameName(table[i].name(), name)) {
                return table[i];
            }
        }
        return null;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + lower(b);
        }
        return h ^ (h >>> 16);
    }

    private static boolean sameName(String lowerCaseName, byte[] name) {
        if (lowerCaseName.length() != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lowerCaseName.charAt(i) != lower(name[i])) {
                return false;
            }
        }
        return true;
    }

    Command lookup(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    Collection<Command> all() {
        return byName.values();
    }
}
