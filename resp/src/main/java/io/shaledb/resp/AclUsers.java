package io.shaledb.resp;

import io.shaledb.kv.KvStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's ACL users, kept durably in the kv store as system records ({@code acl:<name>} →
 * the user's ACL LIST line, outside every database), loaded at start. The {@code default} user is
 * {@code on nopass ~* &* +@all} unless stored otherwise; {@code requirepass} (command line or
 * CONFIG SET, which are not stored — as in Redis without CONFIG REWRITE) gives it a password.
 *
 * <pre>
 *   ACL SETUSER alice on >pw ~cache:* +get ──> users["alice"] ──> 'k' 'y' "acl:alice" = "user alice on #... ~cache:* resetchannels -@all +get"
 *   AUTH alice pw ──> users["alice"].checkPassword ──> client.user = "alice" ──> every command: canRun / canAccessKey
 * </pre>
 */
final class AclUsers {
    private static final Logger log = LoggerFactory.getLogger(AclUsers.class);
    private static final String RECORD_PREFIX = "acl:";

    private final KvStore store;
    private final Map<String, AclUser> users = new ConcurrentSkipListMap<>();
    private final CommandTable commands;

    AclUsers(KvStore store, CommandTable commands, String requirePass) {
        this.store = store;
        this.commands = commands;
        AclUser def = new AclUser("default");
        for (String r : List.of("+@all", "~*", "&*", "on", "nopass")) {
            def.apply(r, commands);
        }
        users.put("default", def);
        for (Map.Entry<String, byte[]> e : store.systemRecords().entrySet()) {
            if (e.getKey().startsWith(RECORD_PREFIX)) {
                load(new String(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        if (requirePass != null) {
            setDefaultPassword(requirePass);
        }
    }

    private void load(String line) {
        String[] parts = line.split(" ");
        if (parts.length < 2 || !parts[0].equals("user")) {
            log.error("ignoring a stored ACL user that does not parse: '{}'", line);
            return;
        }
        AclUser u = new AclUser(parts[1]);
        try {
            for (int i = 2; i < parts.length; i++) {
                u.apply(parts[i], commands);
            }
            users.put(u.name(), u);
        } catch (IllegalArgumentException e) {
            log.error("ignoring stored ACL user '{}': {}", parts[1], e.getMessage());
        }
    }

    /** The user a new connection is logged in as without AUTH: default when it is on and needs no password. */
    String autoLoginUser() {
        AclUser d = users.get("default");
        return d != null && d.enabled() && d.noPass() ? "default" : null;
    }

    /** AUTH / HELLO AUTH: the user's name when the password opens it; else WRONGPASS. */
    String authenticate(String user, String password) {
        AclUser u = users.get(user);
        if (u == null || !u.enabled() || !u.checkPassword(password)) {
            throw new RespError("WRONGPASS invalid username-password pair or user is disabled.");
        }
        return user;
    }

    /** Whether the default user needs no password (AUTH with only a password is then an error). */
    boolean defaultIsNoPass() {
        AclUser d = users.get("default");
        return d != null && d.noPass();
    }

    AclUser get(String name) {
        return name == null ? null : users.get(name);
    }

    /** ACL SETUSER: applies every rule to a copy, then stores it; nothing changes when one is invalid. */
    void setUser(String name, List<String> rules) {
        if (name.chars().anyMatch(ch -> ch == ' ' || ch == 0)) {
            throw new RespError("ERR Usernames can't contain spaces or null characters");
        }
        AclUser existing = users.get(name);
        AclUser u = existing == null ? new AclUser(name) : existing.copy();
        for (String r : rules) {
            try {
                u.apply(r, commands);
            } catch (IllegalArgumentException e) {
                throw new RespError("ERR Error in ACL SETUSER modifier '" + r + "': " + e.getMessage());
            }
        }
        store.putSystemRecord(RECORD_PREFIX + name, u.describe().getBytes(StandardCharsets.UTF_8));
        users.put(name, u);
    }

    /** ACL DELUSER: how many of {@code names} existed. */
    long delete(List<String> names) {
        if (names.contains("default")) {
            throw new RespError("ERR The 'default' user cannot be removed");
        }
        long n = 0;
        for (String name : names) {
            if (users.remove(name) != null) {
                store.putSystemRecord(RECORD_PREFIX + name, null);
                n++;
            }
        }
        return n;
    }

    List<String> names() {
        return new ArrayList<>(users.keySet());
    }

    List<String> describeAll() {
        return users.values().stream().map(AclUser::describe).toList();
    }

    /** requirepass: the default user gets exactly this password (empty: nopass), in memory only. */
    void setDefaultPassword(String password) {
        AclUser d = users.get("default").copy();
        d.apply("resetpass", commands);
        d.apply(password.isEmpty() ? "nopass" : ">" + password, commands);
        users.put("default", d);
    }
}
