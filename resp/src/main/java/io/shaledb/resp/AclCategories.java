package io.shaledb.resp;

import java.util.Set;

/**
 * The ACL command categories we know ({@code +@read}, {@code -@dangerous} ...), derived from each
 * command's flags and name the way Redis groups its commands.
 */
final class AclCategories {
    private static final Set<String> KNOWN = Set.of("all", "read", "write", "fast", "slow", "admin", "dangerous",
            "keyspace", "string", "hash", "list", "set", "sortedset", "connection", "transaction", "blocking", "bitmap");
    private static final Set<String> DANGEROUS = Set.of("flushdb", "flushall", "keys", "config", "acl", "info", "client",
            "sort", "shutdown", "debug", "role", "migrate", "save", "bgsave", "bgrewriteaof", "monitor", "replicaof");
    private static final Set<String> CONNECTION = Set.of("ping", "echo", "select", "auth", "hello", "quit", "client", "reset");
    private static final Set<String> TRANSACTION = Set.of("multi", "exec", "discard", "watch", "unwatch");
    private static final Set<String> KEYSPACE = Set.of("del", "unlink", "exists", "type", "rename", "renamenx", "keys", "scan",
            "randomkey", "expire", "pexpire", "expireat", "pexpireat", "ttl", "pttl", "expiretime", "pexpiretime", "persist",
            "dbsize", "flushdb", "flushall", "move", "copy", "touch", "object", "dump", "restore", "swapdb");

    private static final Set<String> BITMAP = Set.of("setbit", "getbit", "bitcount", "bitpos", "bitop", "bitfield", "bitfield_ro");
    private static final Set<String> SORT = Set.of("sort", "sort_ro");

    private AclCategories() {}

    static boolean known(String category) {
        return KNOWN.contains(category);
    }

    static boolean contains(String category, Command cmd) {
        String n = cmd.name();
        return switch (category) {
            case "all" -> true;
            case "read" -> cmd.flags().contains("readonly");
            case "write" -> cmd.flags().contains("write");
            case "fast" -> cmd.flags().contains("fast");
            case "slow" -> !cmd.flags().contains("fast");
            case "admin" -> cmd.flags().contains("admin") || n.equals("acl");
            case "dangerous" -> DANGEROUS.contains(n);
            case "keyspace" -> KEYSPACE.contains(n);
            case "connection" -> CONNECTION.contains(n);
            case "transaction" -> TRANSACTION.contains(n);
            case "blocking" -> n.startsWith("bl") || n.startsWith("br") || n.startsWith("bz");
            case "bitmap" -> BITMAP.contains(n);
            case "hash" -> n.startsWith("h");
            case "list" -> n.startsWith("l") && !n.equals("lcs") || n.startsWith("rpop") || n.startsWith("rpush")
                    || n.startsWith("bl") || n.startsWith("br") || SORT.contains(n);
            case "set" -> n.startsWith("s") && !n.startsWith("set") && !n.equals("scan") && !n.equals("select")
                    && !n.equals("strlen") && !n.equals("substr") && !n.equals("swapdb") && !n.equals("sort") && !n.equals("sort_ro")
                    || SORT.contains(n);
            case "sortedset" -> n.startsWith("z") || n.startsWith("bz") || SORT.contains(n);
            case "string" -> Set.of("get", "set", "setnx", "setex", "psetex", "getset", "getdel", "getex", "mget", "mset",
                    "msetnx", "incr", "decr", "incrby", "decrby", "incrbyfloat", "append", "strlen", "getrange", "substr",
                    "setrange", "lcs").contains(n);
            default -> false;
        };
    }
}
