package io.shaledb.resp;

import java.util.List;

/** ACL SETUSER / DELUSER / GETUSER-less subset: WHOAMI, LIST, USERS, CAT; and the per-command permission check. */
final class AclCommands {
    /** Commands whose first argument is a subcommand, named "acl|whoami" in errors. */
    private static final java.util.Set<String> CONTAINERS = java.util.Set.of("acl", "config", "client", "command", "object",
            "memory", "function", "script", "slowlog", "xinfo", "cluster");

    private AclCommands() {}

    static void register(CommandTable t) {
        t.add("acl", -2, "admin noscript loading stale", 0, 0, 0, AclCommands::acl);
    }

    private static void acl(Client c, Args a, RespWriter out) {
        AclUsers users = c.server().acl();
        switch (a.option(1)) {
            case "SETUSER" -> {
                if (a.size() < 3) {
                    throw ConnectionCommands.wrongArity("acl|setuser");
                }
                users.setUser(a.string(2), a.from(3).stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList());
                out.ok();
            }
            case "DELUSER" -> {
                if (a.size() < 3) {
                    throw ConnectionCommands.wrongArity("acl|deluser");
                }
                List<String> names = a.from(2).stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
                long n = users.delete(names);
                c.server().disconnectUsers(names, c.id());
                if (names.contains(c.user())) {
                    c.closeAfterReply(); // as Redis: the reply first, then the connection of a deleted user closes
                }
                out.integer(n);
            }
            case "WHOAMI" -> {
                requireArgs(a, 2, "acl|whoami");
                out.bulk(c.user() == null ? "default" : c.user());
            }
            case "USERS" -> {
                requireArgs(a, 2, "acl|users");
                List<String> names = users.names();
                out.array(names.size());
                names.forEach(out::bulk);
            }
            case "LIST" -> {
                requireArgs(a, 2, "acl|list");
                List<String> lines = users.describeAll();
                out.array(lines.size());
                lines.forEach(out::bulk);
            }
            case "CAT" -> {
                List<String> cats = List.of("keyspace", "read", "write", "set", "sortedset", "list", "hash", "string",
                        "fast", "slow", "admin", "dangerous", "connection", "transaction", "blocking");
                out.array(cats.size());
                cats.forEach(out::bulk);
            }
            default -> throw new RespError("ERR unknown subcommand '" + a.string(1) + "'. Try ACL HELP.");
        }
    }

    private static void requireArgs(Args a, int n, String fullName) {
        if (a.size() != n) {
            throw ConnectionCommands.wrongArity(fullName);
        }
    }

    /**
     * The NOPERM error for {@code cmd} run by the client's user, or null when it is allowed: the
     * command (or one of its categories) must be granted and every key argument match a pattern.
     */
    static String denied(Client c, Command cmd, Args args) {
        AclUser u = c.server().acl().get(c.user());
        if (u == null) {
            return null; // not logged in: the NOAUTH check decides
        }
        if (!cmd.flags().contains("no-auth") && !u.canRun(cmd)) {
            String name = CONTAINERS.contains(cmd.name()) && args.size() > 1 ? cmd.name() + "|" + args.string(1).toLowerCase(java.util.Locale.ROOT) : cmd.name();
            return "NOPERM this user has no permissions to run the '" + name + "' command";
        }
        if (cmd.firstKey() > 0) {
            int last = cmd.lastKey() < 0 ? args.size() + cmd.lastKey() : Math.min(cmd.lastKey(), args.size() - 1);
            for (int i = cmd.firstKey(); i <= last; i += Math.max(1, cmd.step())) {
                if (!u.canAccessKey(args.get(i))) {
                    return "NOPERM this user has no permissions to access one of the keys used as arguments";
                }
            }
        }
        return null;
    }

    /** Whether the client's user may run everything on every key (then no check is needed). */
    static boolean unrestricted(Client c) {
        AclUser u = c.server().acl().get(c.user());
        return u != null && u.unrestricted();
    }
}
