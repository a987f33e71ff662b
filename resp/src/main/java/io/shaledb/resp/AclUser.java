package io.shaledb.resp;

import io.shaledb.kv.Glob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ACL user, Redis's subset: on/off, passwords (kept as SHA-256, as Redis does), key patterns
 * ({@code ~pattern}, {@code allkeys}) and command rules ({@code +cmd -cmd +@category -@category
 * allcommands nocommands}), applied in order. Channel rules are accepted and only described.
 * {@link #describe()} prints the user as ACL LIST does, which is also how it is stored.
 */
final class AclUser {
    private final String name;
    private boolean enabled;
    private boolean noPass;
    private final Set<String> passwordHashes = new LinkedHashSet<>();
    private boolean allKeys;
    private final List<String> keyPatterns = new ArrayList<>();
    private boolean allChannels;
    /** The base: all commands allowed, or none. */
    private boolean allCommands;
    /** Rules after the base, in order ("+get", "-@write"); the last one that matches a command wins. */
    private final List<String> commandRules = new ArrayList<>();

    AclUser(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    boolean enabled() {
        return enabled;
    }

    boolean noPass() {
        return noPass;
    }

    /** Every command on every key: no per-command check needed. */
    boolean unrestricted() {
        return allKeys && allCommands && commandRules.isEmpty();
    }

    /** A fresh copy, so a SETUSER that fails half-way changes nothing. */
    AclUser copy() {
        AclUser u = new AclUser(name);
        u.enabled = enabled;
        u.noPass = noPass;
        u.passwordHashes.addAll(passwordHashes);
        u.allKeys = allKeys;
        u.keyPatterns.addAll(keyPatterns);
        u.allChannels = allChannels;
        u.allCommands = allCommands;
        u.commandRules.addAll(commandRules);
        return u;
    }

    /** Applies one SETUSER rule; throws with Redis's reason when it is not valid. */
    void apply(String rule, CommandTable commands) {
        String lower = rule.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "on" -> enabled = true;
            case "off" -> enabled = false;
            case "nopass" -> {
                noPass = true;
                passwordHashes.clear();
            }
            case "resetpass" -> {
                noPass = false;
                passwordHashes.clear();
            }
            case "allkeys" -> allKeysRule();
            case "resetkeys" -> {
                allKeys = false;
                keyPatterns.clear();
            }
            case "allchannels" -> allChannels = true;
            case "resetchannels" -> allChannels = false;
            case "allcommands", "+@all" -> {
                allCommands = true;
                commandRules.clear();
            }
            case "nocommands", "-@all" -> {
                allCommands = false;
                commandRules.clear();
            }
            case "reset" -> {
                enabled = false;
                noPass = false;
                passwordHashes.clear();
                allKeys = false;
                keyPatterns.clear();
                allChannels = false;
                allCommands = false;
                commandRules.clear();
            }
            case "sanitize-payload", "skip-sanitize-payload" -> { }
            default -> applyPrefixed(rule, commands);
        }
    }

    private void allKeysRule() {
        allKeys = true;
        keyPatterns.clear();
    }

    private void applyPrefixed(String rule, CommandTable commands) {
        char first = rule.isEmpty() ? ' ' : rule.charAt(0);
        switch (first) {
            case '>' -> {
                passwordHashes.add(sha256(rule.substring(1)));
                noPass = false;
            }
            case '<' -> {
                if (!passwordHashes.remove(sha256(rule.substring(1)))) {
                    throw new IllegalArgumentException("The password you are trying to remove from the user does not exist");
                }
            }
            case '#' -> {
                String hash = rule.substring(1).toLowerCase(Locale.ROOT);
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters");
                }
                passwordHashes.add(hash);
                noPass = false;
            }
            case '~' -> {
                String pattern = rule.substring(1);
                if (pattern.equals("*")) {
                    allKeysRule();
                } else if (allKeys) {
                    throw new IllegalArgumentException("Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid"
                            + " and does not have any effect. Try 'resetkeys' to start with an empty list of patterns");
                } else {
                    keyPatterns.add(pattern);
                }
            }
            case '&' -> allChannels |= rule.equals("&*");
            case '+', '-' -> {
                String target = rule.substring(1).toLowerCase(Locale.ROOT);
                boolean known = target.startsWith("@") ? AclCategories.known(target.substring(1)) : commands.lookup(target) != null;
                if (!known) {
                    throw new IllegalArgumentException("Unknown command or category name in ACL");
                }
                commandRules.add(first + target);
            }
            default -> throw new IllegalArgumentException("Syntax error");
        }
    }

    /** Whether {@code password} opens this user (it must also be {@link #enabled()}). */
    boolean checkPassword(String password) {
        return noPass || passwordHashes.contains(sha256(password));
    }

    boolean canRun(Command cmd) {
        boolean allowed = allCommands;
        for (String r : commandRules) {
            String target = r.substring(1);
            boolean matches = target.startsWith("@") ? AclCategories.contains(target.substring(1), cmd) : target.equals(cmd.name());
            if (matches) {
                allowed = r.charAt(0) == '+';
            }
        }
        return allowed;
    }

    /** Whether every key is allowed ({@code ~*}, {@code allkeys}): SORT's BY and GET patterns need it. */
    boolean allKeys() {
        return allKeys;
    }

    boolean canAccessKey(byte[] key) {
        if (allKeys) {
            return true;
        }
        for (String p : keyPatterns) {
            if (Glob.matches(p.getBytes(StandardCharsets.UTF_8), key)) {
                return true;
            }
        }
        return false;
    }

    /** The ACL LIST line, e.g. {@code user alice on #5e88... ~cache:* resetchannels -@all +get}. */
    String describe() {
        StringBuilder b = new StringBuilder("user ").append(name).append(' ').append(enabled ? "on" : "off");
        if (noPass) {
            b.append(" nopass");
        }
        for (String h : passwordHashes) {
            b.append(" #").append(h);
        }
        if (allKeys) {
            b.append(" ~*");
        } else {
            for (String p : keyPatterns) {
                b.append(" ~").append(p);
            }
        }
        b.append(allChannels ? " &*" : " resetchannels");
        b.append(allCommands ? " +@all" : " -@all");
        for (String r : commandRules) {
            b.append(' ').append(r);
        }
        return b.toString();
    }

    static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
