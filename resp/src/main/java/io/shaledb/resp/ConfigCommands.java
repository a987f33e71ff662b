package io.shaledb.resp;

import io.shaledb.kv.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET (glob patterns), CONFIG SET (several pairs, all or nothing) and CONFIG RESETSTAT; see {@link RespSettings}. */
final class ConfigCommands {
    private ConfigCommands() {}

    static void register(CommandTable t) {
        t.add("config", -2, "admin noscript loading stale", 0, 0, 0, ConfigCommands::config);
    }

    private static void config(Client c, Args a, RespWriter out) {
        RespSettings settings = c.server().settings();
        switch (a.option(1)) {
            case "GET" -> {
                if (a.size() < 3) {
                    throw ConnectionCommands.wrongArity("config|get");
                }
                Map<String, String> matched = new LinkedHashMap<>();
                for (byte[] pattern : a.from(2)) {
                    byte[] p = new String(pattern, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
                    settings.all().forEach((name, s) -> {
                        if (Glob.matches(p, name.getBytes(StandardCharsets.UTF_8))) {
                            matched.put(name, s.get().get());
                        }
                    });
                }
                out.map(matched.size());
                matched.forEach((k, v) -> {
                    out.bulk(k);
                    out.bulk(v);
                });
            }
            case "SET" -> {
                if (a.size() < 4) {
                    throw ConnectionCommands.wrongArity("config|set");
                }
                if (a.size() % 2 != 0) {
                    throw new RespError(RespError.SYNTAX);
                }
                set(settings, a);
                out.ok();
            }
            case "RESETSTAT" -> {
                if (a.size() != 2) {
                    throw ConnectionCommands.wrongArity("config|resetstat");
                }
                c.server().resetStats();
                out.ok();
            }
            default -> throw new RespError("ERR unknown subcommand '" + a.string(1) + "'. Try CONFIG HELP.");
        }
    }

    /** Redis's order: every name must exist and appear once, then values apply in order, undone on the first failure. */
    private static void set(RespSettings settings, Args a) {
        List<String> names = new ArrayList<>();
        for (int i = 2; i < a.size(); i += 2) {
            String name = a.string(i).toLowerCase(Locale.ROOT);
            if (settings.get(name) == null) {
                throw new RespError("ERR Unknown option or number of arguments for CONFIG SET - '" + a.string(i) + "'");
            }
            if (names.contains(name)) {
                throw failed(a.string(i), "duplicate parameter");
            }
            names.add(name);
        }
        List<String> old = names.stream().map(n -> settings.get(n).get().get()).toList();
        for (int i = 0; i < names.size(); i++) {
            try {
                settings.get(names.get(i)).set().accept(a.string(3 + 2 * i));
            } catch (IllegalArgumentException e) {
                for (int j = i - 1; j >= 0; j--) {
                    settings.get(names.get(j)).set().accept(old.get(j));
                }
                throw failed(names.get(i), e.getMessage());
            }
        }
    }

    private static RespError failed(String name, String reason) {
        return new RespError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }
}
