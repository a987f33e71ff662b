package io.shaledb.resp;

import io.shaledb.kv.KvStore;
import java.nio.charset.StandardCharsets;

/** Connection commands: PING, ECHO, SELECT, QUIT, AUTH, HELLO, CLIENT, COMMAND. */
final class ConnectionCommands {
    private ConnectionCommands() {}

    static void register(CommandTable t) {
        t.add("ping", -1, "fast", 0, 0, 0, ConnectionCommands::ping);
        t.add("echo", 2, "fast", 0, 0, 0, (c, a, out) -> out.bulk(a.get(1)));
        t.add("select", 2, "loading stale fast", 0, 0, 0, ConnectionCommands::select);
        t.add("quit", -1, "noscript loading stale fast no-auth", 0, 0, 0, (c, a, out) -> {
            out.ok();
            c.closeAfterReply();
        });
        t.add("auth", -2, "noscript loading stale fast no-auth", 0, 0, 0, ConnectionCommands::auth);
        t.add("hello", -1, "noscript loading stale fast no-auth", 0, 0, 0, ConnectionCommands::hello);
        t.add("client", -2, "", 0, 0, 0, ConnectionCommands::client);
        t.add("command", -1, "loading stale", 0, 0, 0, ConnectionCommands::command);
    }

    static RespError wrongArity(String name) {
        return new RespError("ERR wrong number of arguments for '" + name + "' command");
    }

    private static void ping(Client c, Args a, RespWriter out) {
        if (a.size() > 2) {
            throw wrongArity("ping");
        }
        if (a.size() == 2) {
            out.bulk(a.get(1));
        } else {
            out.simple("PONG");
        }
    }

    private static void select(Client c, Args a, RespWriter out) {
        long index = a.integer(1);
        if (index < 0 || index >= KvStore.DATABASES) {
            throw new RespError("ERR DB index is out of range");
        }
        c.select((int) index);
        out.ok();
    }

    private static void auth(Client c, Args a, RespWriter out) {
        if (a.size() > 3) {
            throw new RespError(RespError.SYNTAX);
        }
        if (a.size() == 2 && c.server().acl().defaultIsNoPass()) {
            throw new RespError("ERR AUTH <password> called without any password configured for the default user."
                    + " Are you sure your configuration is correct?");
        }
        String user = a.size() == 3 ? a.string(1) : "default";
        authenticate(c, user, a.string(a.size() - 1));
        out.ok();
    }

    private static void authenticate(Client c, String user, String password) {
        c.login(c.server().acl().authenticate(user, password));
    }

    private static void hello(Client c, Args a, RespWriter out) {
        int protocol = out.protocol();
        if (a.size() >= 2) {
            Long v = io.shaledb.kv.KvDatabase.strictLong(a.get(1));
            if (v == null) {
                throw new RespError("ERR Protocol version is not an integer or out of range");
            }
            if (v < 2 || v > 3) {
                throw new RespError("NOPROTO unsupported protocol version");
            }
            protocol = v.intValue();
        }
        String setName = null;
        for (int i = 2; i < a.size(); i++) {
            if (a.is(i, "AUTH") && i + 2 < a.size()) {
                authenticate(c, a.string(i + 1), a.string(i + 2));
                i += 2;
            } else if (a.is(i, "SETNAME") && i + 1 < a.size()) {
                setName = checkName(a.string(i + 1));
                i += 1;
            } else {
                throw new RespError("ERR Syntax error in HELLO option '" + a.string(i) + "'");
            }
        }
        if (!c.authenticated()) {
            throw new RespError("NOAUTH HELLO must be called with the client already authenticated, otherwise the"
                    + " HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the"
                    + " RESP protocol version at the same time");
        }
        if (setName != null) {
            c.name(setName.isEmpty() ? null : setName);
        }
        out.protocol(protocol);
        c.protocol(protocol);
        out.map(7);
        out.bulk("server");
        out.bulk("redis");
        out.bulk("version");
        out.bulk(ServerCommands.REDIS_VERSION);
        out.bulk("proto");
        out.integer(protocol);
        out.bulk("id");
        out.integer(c.id());
        out.bulk("mode");
        out.bulk("standalone");
        out.bulk("role");
        out.bulk("master");
        out.bulk("modules");
        out.array(0);
    }

    private static String checkName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '!' || ch > '~') {
                throw new RespError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
        return name;
    }

    private static void client(Client c, Args a, RespWriter out) {
        String sub = a.option(1);
        switch (sub) {
            case "ID" -> {
                requireArgs(a, 2, "client|id");
                out.integer(c.id());
            }
            case "SETNAME" -> {
                requireArgs(a, 3, "client|setname");
                String name = checkName(a.string(2));
                c.name(name.isEmpty() ? null : name);
                out.ok();
            }
            case "GETNAME" -> {
                requireArgs(a, 2, "client|getname");
                out.bulk(c.name() == null ? null : c.name().getBytes(StandardCharsets.UTF_8));
            }
            case "SETINFO" -> {
                requireArgs(a, 4, "client|setinfo");
                out.ok();
            }
            default -> ClientCommands.run(c, a, out); // LIST, INFO, KILL, UNBLOCK, NO-EVICT ...
        }
    }

    private static void requireArgs(Args a, int n, String fullName) {
        if (a.size() != n) {
            throw wrongArity(fullName);
        }
    }

    private static void command(Client c, Args a, RespWriter out) {
        CommandTable table = c.server().commands();
        if (a.size() == 1) {
            out.array(table.all().size());
            for (Command cmd : table.all()) {
                describe(cmd, out);
            }
            return;
        }
        switch (a.option(1)) {
            case "COUNT" -> out.integer(table.all().size());
            case "DOCS" -> out.map(0); // redis-cli then falls back to its built-in hints
            case "GETKEYS" -> CommandKeys.getKeys(table, a, out);
            case "INFO" -> {
                out.array(a.size() - 2);
                for (int i = 2; i < a.size(); i++) {
                    Command cmd = table.lookup(a.get(i));
                    if (cmd == null) {
                        out.nullArray();
                    } else {
                        describe(cmd, out);
                    }
                }
            }
            default -> throw new RespError("ERR unknown subcommand '" + a.string(1) + "'. Try COMMAND HELP.");
        }
    }

    private static void describe(Command cmd, RespWriter out) {
        out.array(10);
        out.bulk(cmd.name());
        out.integer(cmd.arity());
        out.array(cmd.flags().size());
        for (String f : cmd.flags()) {
            out.simple(f);
        }
        out.integer(cmd.firstKey());
        out.integer(cmd.lastKey());
        out.integer(cmd.step());
        out.array(0);
        out.array(0);
        out.array(0);
        out.array(0);
    }
}
