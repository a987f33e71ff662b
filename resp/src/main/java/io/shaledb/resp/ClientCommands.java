package io.shaledb.resp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CLIENT LIST, INFO, KILL, UNBLOCK, NO-EVICT, GETREDIR and HELP (ID, SETNAME, GETNAME and SETINFO
 * are in {@link ConnectionCommands}), with Redis 7.0's arities, filters and error texts.
 *
 * <pre>
 *   id=7 addr=127.0.0.1:50412 laddr=127.0.0.1:6380 fd=-1 name= age=3 idle=0 flags=b db=0 ... cmd=blpop user=default redir=-1 resp=2
 *                                                                          └ x: in MULTI, b: blocked, c: closing, e: no-evict, N: none
 * </pre>
 *
 * The buffer and memory fields of a CLIENT LIST line are reported as 0 (the connection's buffers
 * are Netty's); {@code fd} is -1 (there is no file descriptor to name). CLIENT UNBLOCK ends the
 * wait of a client parked in BLPOP and friends: as a timeout (its null reply) or with
 * {@code -UNBLOCKED client unblocked via CLIENT UNBLOCK}.
 */
final class ClientCommands {
    /** Redis's command containers: CLIENT LIST shows their subcommand ({@code cmd=client|list}). */
    private static final Set<String> CONTAINERS = Set.of("client", "config", "acl", "object", "memory", "command", "function",
            "xinfo", "xgroup", "script", "debug", "cluster", "latency", "module", "slowlog", "pubsub");

    private ClientCommands() {}

    /** The subcommands this class answers (the CLIENT switch in ConnectionCommands sends the rest here). */
    static void run(Client c, Args a, RespWriter out) {
        String sub = a.option(1);
        switch (sub) {
            case "LIST" -> list(c, a, out);
            case "INFO" -> {
                arity(a, 2, "info");
                out.verbatim(line(c.server().connection(c.id())) + "\n");
            }
            case "KILL" -> {
                arity(a, -3, "kill");
                kill(c, a, out);
            }
            case "UNBLOCK" -> {
                arity(a, -3, "unblock");
                unblock(c, a, out);
            }
            case "NO-EVICT" -> {
                arity(a, 3, "no-evict");
                if (a.is(2, "ON") || a.is(2, "OFF")) {
                    c.noEvict(a.is(2, "ON"));
                    out.ok();
                } else {
                    throw new RespError(RespError.SYNTAX);
                }
            }
            case "GETREDIR" -> {
                arity(a, 2, "getredir");
                out.integer(-1);
            }
            case "HELP" -> {
                arity(a, 2, "help");
                help(out);
            }
            default -> throw new RespError("ERR unknown subcommand '" + a.string(1) + "'. Try CLIENT HELP.");
        }
    }

    /** The name CLIENT LIST shows for a command: {@code get}, or {@code client|list} for a container's subcommand. */
    static String fullName(Command cmd, Args args) {
        if (args.size() > 1 && CONTAINERS.contains(cmd.name())) {
            return cmd.name() + "|" + args.string(1).toLowerCase(Locale.ROOT);
        }
        return cmd.name();
    }

    /** A subcommand's arity in Redis's convention; a miss is {@code wrong number of arguments for 'client|sub'}. */
    private static void arity(Args a, int arity, String sub) {
        if (arity >= 0 ? a.size() != arity : a.size() < -arity) {
            throw ConnectionCommands.wrongArity("client|" + sub);
        }
    }

    private static void list(Client c, Args a, RespWriter out) {
        RespServer server = c.server();
        StringBuilder b = new StringBuilder();
        if (a.size() == 4 && a.is(2, "TYPE")) {
            String type = a.string(3).toLowerCase(Locale.ROOT);
            if (!Set.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
                throw new RespError("ERR Unknown client type '" + a.string(3) + "'");
            }
            if (type.equals("normal")) {
                byId(server).forEach(conn -> b.append(line(conn)).append('\n'));
            }
        } else if (a.size() > 3 && a.is(2, "ID")) {
            for (int i = 3; i < a.size(); i++) {
                Long id = io.shaledb.kv.KvDatabase.strictLong(a.get(i));
                if (id == null) {
                    throw new RespError("ERR Invalid client ID");
                }
                RespConnection conn = server.connection(id);
                if (conn != null) {
                    b.append(line(conn)).append('\n');
                }
            }
        } else if (a.size() != 2) {
            throw new RespError(RespError.SYNTAX);
        } else {
            byId(server).forEach(conn -> b.append(line(conn)).append('\n'));
        }
        out.verbatim(b.toString());
    }

    private static List<RespConnection> byId(RespServer server) {
        return server.connections().stream().sorted(java.util.Comparator.comparingLong(conn -> conn.client().id())).toList();
    }

    /** One CLIENT LIST line (without the newline). */
    static String line(RespConnection conn) {
        Client cl = conn.client();
        long now = System.currentTimeMillis();
        StringBuilder flags = new StringBuilder();
        if (cl.multi().inMulti()) {
            flags.append('x');
        }
        if (cl.blocked()) {
            flags.append('b');
        }
        if (cl.closing()) {
            flags.append('c');
        }
        if (cl.noEvict()) {
            flags.append('e');
        }
        if (flags.isEmpty()) {
            flags.append('N');
        }
        return "id=" + cl.id() + " addr=" + cl.address().replace("/", "") + " laddr=" + conn.localAddress() + " fd=-1"
                + " name=" + (cl.name() == null ? "" : cl.name())
                + " age=" + (now - cl.createdMillis()) / 1000 + " idle=" + Math.max(0, now - cl.lastCommandMillis()) / 1000
                + " flags=" + flags + " db=" + cl.dbIndex() + " sub=0 psub=0 ssub=0 multi=" + cl.multi().queuedCount()
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r"
                + " cmd=" + cl.lastCommand() + " user=" + (cl.user() == null ? "default" : cl.user())
                + " redir=-1 resp=" + cl.protocol();
    }

    /**
     * CLIENT KILL addr:port (old form: OK or "No such client") or CLIENT KILL with filters ID,
     * TYPE, USER, ADDR, LADDR, SKIPME (new form: how many were closed). Closing the calling client
     * happens after its reply.
     */
    private static void kill(Client c, Args a, RespWriter out) {
        RespServer server = c.server();
        if (a.size() == 3) {
            String addr = a.string(2);
            for (RespConnection conn : server.connections()) {
                if (conn.client().address().replace("/", "").equals(addr)) {
                    close(c, conn);
                    out.ok();
                    return;
                }
            }
            throw new RespError("ERR No such client");
        }
        Long id = null;
        String type = null;
        String addr = null;
        String laddr = null;
        String user = null;
        boolean skipMe = true;
        for (int i = 2; i < a.size(); i += 2) {
            boolean more = i + 1 < a.size();
            String opt = a.option(i);
            if (opt.equals("ID") && more) {
                Long n = io.shaledb.kv.KvDatabase.strictLong(a.get(i + 1));
                if (n == null || n < 1) {
                    throw new RespError("ERR client-id should be greater than 0");
                }
                id = n;
            } else if (opt.equals("TYPE") && more) {
                type = a.string(i + 1).toLowerCase(Locale.ROOT);
                if (!Set.of("normal", "master", "replica", "slave", "pubsub").contains(type)) {
                    throw new RespError("ERR Unknown client type '" + a.string(i + 1) + "'");
                }
            } else if (opt.equals("ADDR") && more) {
                addr = a.string(i + 1);
            } else if (opt.equals("LADDR") && more) {
                laddr = a.string(i + 1);
            } else if (opt.equals("USER") && more) {
                user = a.string(i + 1);
                if (server.acl().get(user) == null) {
                    throw new RespError("ERR No such user '" + user + "'");
                }
            } else if (opt.equals("SKIPME") && more) {
                if (a.is(i + 1, "YES") || a.is(i + 1, "NO")) {
                    skipMe = a.is(i + 1, "YES");
                } else {
                    throw new RespError(RespError.SYNTAX);
                }
            } else {
                throw new RespError(RespError.SYNTAX);
            }
        }
        List<RespConnection> victims = new ArrayList<>();
        for (RespConnection conn : server.connections()) {
            Client cl = conn.client();
            if (id != null && cl.id() != id || type != null && !type.equals("normal")
                    || addr != null && !cl.address().replace("/", "").equals(addr)
                    || laddr != null && !conn.localAddress().equals(laddr)
                    || user != null && !user.equals(cl.user()) || skipMe && cl.id() == c.id()) {
                continue;
            }
            victims.add(conn);
        }
        victims.forEach(conn -> close(c, conn));
        out.integer(victims.size());
    }

    private static void close(Client caller, RespConnection conn) {
        if (conn.client().id() == caller.id()) {
            caller.closeAfterReply();
        } else {
            conn.close();
        }
    }

    private static void unblock(Client c, Args a, RespWriter out) {
        boolean withError = false;
        if (a.size() == 4) {
            if (a.is(3, "ERROR")) {
                withError = true;
            } else if (!a.is(3, "TIMEOUT")) {
                throw new RespError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        } else if (a.size() != 3) {
            throw new RespError("ERR unknown subcommand or wrong number of arguments for '" + a.string(1) + "'. Try CLIENT HELP.");
        }
        long id = a.integer(2);
        RespConnection target = c.server().connection(id);
        out.integer(target != null && target.client().unblock(withError) ? 1 : 0);
    }

    private static void help(RespWriter out) {
        List<String> lines = List.of(
                "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GETNAME", "    Return the name of the current connection.",
                "ID", "    Return the ID of the current connection.",
                "INFO", "    Return information about the current client connection.",
                "KILL <ip:port>", "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are: ID <client-id>, TYPE (NORMAL|MASTER|REPLICA|PUBSUB),"
                        + " USER <username>, ADDR <ip:port>, LADDR <ip:port>, SKIPME (YES|NO).",
                "LIST [options ...]", "    Return information about client connections. Options: TYPE (NORMAL|MASTER|REPLICA|PUBSUB),"
                        + " ID id [id ...].",
                "UNBLOCK <clientid> [TIMEOUT|ERROR]", "    Unblock the specified blocked client.",
                "SETNAME <name>", "    Assign the name <name> to the current connection.",
                "NO-EVICT (ON|OFF)", "    Protect current client connection from eviction.",
                "HELP", "    Print this help.");
        out.array(lines.size());
        lines.forEach(out::simple);
    }
}
