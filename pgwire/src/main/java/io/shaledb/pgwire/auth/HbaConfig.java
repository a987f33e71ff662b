package io.shaledb.pgwire.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of an {@code pg_hba.conf}-style file, in order; the first rule whose connection type,
 * database, user and client address match decides how the client authenticates.
 *
 * <pre>
 *   # TYPE     DATABASE   USER        ADDRESS          METHOD
 *   host       all        all         127.0.0.1/32     trust
 *   hostssl    all        alice,bob   10.0.0.0/8       scram-sha-256
 *   hostnossl  all        all         0.0.0.0/0        reject
 * </pre>
 *
 * {@code host} matches plain and TLS connections, {@code hostssl} TLS only, {@code hostnossl}
 * plain only; {@code local} (Unix sockets) is accepted and never matches, as ShaleDB listens on
 * TCP only. DATABASE and USER are comma-separated names or {@code all} (DATABASE also
 * {@code sameuser}); ADDRESS is {@code all} or a CIDR block, IPv4 or IPv6, and an IPv4 client seen
 * through an IPv6 socket ({@code ::ffff:a.b.c.d}) matches IPv4 blocks. A line that cannot be
 * understood stops the server from starting, naming the file and line, as PostgreSQL does.
 */
public final class HbaConfig {
    /** What a rule's first column says about the connection. */
    public enum ConnectionType { LOCAL, HOST, HOSTSSL, HOSTNOSSL }

    /** One line of the file. {@code databases} / {@code users} null means all; {@code network} null means any address. */
    public record Rule(int line, ConnectionType type, Set<String> databases, Set<String> users, byte[] network, int prefix,
                       AuthMethod method) {

        boolean matches(boolean ssl, String database, String user, InetAddress address) {
            boolean typeOk = switch (type) {
                case LOCAL -> false;
                case HOST -> true;
                case HOSTSSL -> ssl;
                case HOSTNOSSL -> !ssl;
            };
            return typeOk && (databases == null || databases.contains(database) || (databases.contains("sameuser")
                    && database.equals(user))) && (users == null || users.contains(user)) && addressMatches(address);
        }

        private boolean addressMatches(InetAddress address) {
            if (network == null) {
                return true;
            }
            byte[] client = normalize(address.getAddress());
            if (client.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (client[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (client[full] & mask) == (network[full] & mask);
        }
    }

    /** Written to the data directory on first start: no unauthenticated access beyond the loopback interface. */
    public static final String DEFAULT_TEXT = """
            # ShaleDB client authentication (pg_hba.conf format); the first matching line decides.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            #
            # On this machine (loopback), any user name is let in without a password:
            host    all       all   127.0.0.1/32  trust
            host    all       all   ::1/128       trust
            # From anywhere else, a role with LOGIN and a password, checked with SCRAM-SHA-256.
            # Use hostssl instead of host to require TLS.
            host    all       all   0.0.0.0/0     scram-sha-256
            host    all       all   ::/0          scram-sha-256
            """;

    private final List<Rule> rules;

    private HbaConfig(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** One rule that trusts everyone: for embedded servers and tests that never configured authentication. */
    public static HbaConfig trustAll() {
        return new HbaConfig(List.of(new Rule(1, ConnectionType.HOST, null, null, null, 0, AuthMethod.TRUST)));
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Reads {@code file}, creating it with {@link #DEFAULT_TEXT} first if it does not exist. */
    public static HbaConfig loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, DEFAULT_TEXT, StandardCharsets.UTF_8);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("could not read client authentication file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of an hba file; {@code source} names it in errors.
     *
     * @throws IllegalArgumentException naming the file and line of the first line that is not understood
     */
    public static HbaConfig parse(String text, String source) {
        List<Rule> rules = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                rules.add(rule(i + 1, line.split("\\s+")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid line " + (i + 1) + " of " + source + ": " + e.getMessage()
                        + " (\"" + line + "\")", e);
            }
        }
        return new HbaConfig(rules);
    }

    private static Rule rule(int line, String[] f) {
        ConnectionType type = switch (f[0].toLowerCase(Locale.ROOT)) {
            case "local" -> ConnectionType.LOCAL;
            case "host" -> ConnectionType.HOST;
            case "hostssl" -> ConnectionType.HOSTSSL;
            case "hostnossl" -> ConnectionType.HOSTNOSSL;
            default -> throw new IllegalArgumentException("invalid connection type \"" + f[0] + "\"");
        };
        int methodAt = type == ConnectionType.LOCAL ? 3 : 4;
        if (f.length < methodAt + 1) {
            throw new IllegalArgumentException("end-of-line before authentication method");
        }
        if (f.length > methodAt + 1) {
            throw new IllegalArgumentException("authentication options are not supported");
        }
        Set<String> databases = names(f[1]);
        Set<String> users = names(f[2]);
        byte[] network = null;
        int prefix = 0;
        if (type != ConnectionType.LOCAL && !f[3].equalsIgnoreCase("all")) {
            int slash = f[3].indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("IP address \"" + f[3] + "\" needs a CIDR mask (e.g. /32); host names are not supported");
            }
            network = literal(f[3].substring(0, slash));
            try {
                prefix = Integer.parseInt(f[3].substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid CIDR mask in address \"" + f[3] + "\"");
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("invalid CIDR mask in address \"" + f[3] + "\"");
            }
        }
        AuthMethod method = AuthMethod.fromHbaName(f[methodAt]);
        if (method == null) {
            throw new IllegalArgumentException("invalid authentication method \"" + f[methodAt] + "\"");
        }
        return new Rule(line, type, databases, users, network, prefix, method);
    }

    private static Set<String> names(String column) {
        if (column.equalsIgnoreCase("all")) {
            return null;
        }
        for (String n : column.split(",")) {
            if (n.isEmpty() || n.startsWith("+") || n.startsWith("@")) {
                throw new IllegalArgumentException("unsupported name list \"" + column + "\" (groups and files are not supported)");
            }
        }
        return Set.of(column.split(","));
    }

    /** Parses a numeric address only: never a DNS lookup. */
    private static byte[] literal(String text) {
        boolean looksNumeric = text.contains(":") || text.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (!looksNumeric) {
            throw new IllegalArgumentException("invalid IP address \"" + text + "\"");
        }
        try {
            return normalize(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address \"" + text + "\"");
        }
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it carries. */
    private static byte[] normalize(byte[] a) {
        if (a.length == 16) {
            boolean mapped = a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = a[i] == 0;
            }
            if (mapped) {
                return new byte[] {a[12], a[13], a[14], a[15]};
            }
        }
        return a;
    }

    /** The first rule matching the connection, or null (the client gets 28000 "no pg_hba.conf entry"). */
    public Rule match(boolean ssl, String database, String user, InetAddress address) {
        for (Rule r : rules) {
            if (r.matches(ssl, database, user, address)) {
                return r;
            }
        }
        return null;
    }
}
