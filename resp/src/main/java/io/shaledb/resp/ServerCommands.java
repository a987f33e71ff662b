package io.shaledb.resp;

import io.shaledb.kv.Glob;
import io.shaledb.kv.KvStore;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Server commands: DBSIZE, FLUSHDB, FLUSHALL, TIME, INFO (CONFIG is in {@link ConfigCommands}). */
final class ServerCommands {
    /** The Redis version we answer to (clients pick features by it): the 7.0 command set. */
    static final String REDIS_VERSION = "7.0.15";

    private ServerCommands() {}

    static void register(CommandTable t) {
        t.add("dbsize", 1, "readonly fast", 0, 0, 0, (c, a, out) -> out.integer(c.db().size()));
        t.add("flushdb", -1, "write", 0, 0, 0, (c, a, out) -> {
            checkFlushMode(a);
            c.db().flush();
            out.ok();
        });
        t.add("flushall", -1, "write", 0, 0, 0, (c, a, out) -> {
            checkFlushMode(a);
            for (int i = 0; i < KvStore.DATABASES; i++) {
                c.store().database(i).flush();
            }
            out.ok();
        });
        t.add("time", 1, "loading stale fast", 0, 0, 0, (c, a, out) -> {
            long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
            out.array(2);
            out.bulk(Long.toString(micros / 1_000_000));
            out.bulk(Long.toString(micros % 1_000_000));
        });
        t.add("info", -1, "loading stale", 0, 0, 0, (c, a, out) -> out.verbatim(info(c, a)));
    }

    /** Redis's bytesToHuman: 1.50K, 2.00M ... */
    static String human(long n) {
        String[] units = {"B", "K", "M", "G", "T", "P"};
        if (n < 1024) {
            return n + "B";
        }
        double d = n;
        int u = 0;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", d, units[u]);
    }

    private static void checkFlushMode(Args a) {
        if (a.size() > 2 || a.size() == 2 && !a.is(1, "ASYNC") && !a.is(1, "SYNC")) {
            throw new RespError(RespError.SYNTAX);
        }
    }

    private static String info(Client c, Args a) {
        List<String> wanted = a.from(1).stream().map(b -> new String(b, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT)).toList();
        boolean all = wanted.isEmpty() || wanted.contains("all") || wanted.contains("everything") || wanted.contains("default");
        RespServer s = c.server();
        StringBuilder b = new StringBuilder();
        if (all || wanted.contains("server")) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
            b.append("# Server\r\nredis_version:").append(REDIS_VERSION).append("\r\nshaledb_version:0.1.0\r\nredis_mode:standalone\r\n")
                    .append("os:").append(System.getProperty("os.name")).append("\r\narch_bits:64\r\nprocess_id:")
                    .append(ProcessHandle.current().pid()).append("\r\ntcp_port:").append(s.port())
                    .append("\r\nuptime_in_seconds:").append(uptime).append("\r\nuptime_in_days:").append(uptime / 86400).append("\r\n\r\n");
        }
        if (all || wanted.contains("clients")) {
            b.append("# Clients\r\nconnected_clients:").append(s.connectedClients())
                    .append("\r\nblocked_clients:").append(s.store().blocking().blockedCommands()).append("\r\n\r\n");
        }
        if (all || wanted.contains("memory")) {
            // used_memory is what maxmemory limits: the kv data's stored size (see MemoryLimit); the JVM's heap is apart
            Runtime rt = Runtime.getRuntime();
            long used = s.store().usedBytes();
            MemoryLimit limit = s.memoryLimit();
            b.append("# Memory\r\nused_memory:").append(used).append("\r\nused_memory_human:").append(human(used))
                    .append("\r\nmaxmemory:").append(limit.maxBytes()).append("\r\nmaxmemory_human:").append(human(limit.maxBytes()))
                    .append("\r\nmaxmemory_policy:").append(limit.policy().configName())
                    .append("\r\nshaledb_jvm_heap_used:").append(rt.totalMemory() - rt.freeMemory()).append("\r\n\r\n");
        }
        if (all || wanted.contains("persistence")) {
            b.append("# Persistence\r\nloading:0\r\naof_enabled:1\r\nappendfsync:").append(s.store().durability().configName())
                    .append("\r\nshaledb_kv_engine:").append(s.store().engineName()).append("\r\n\r\n");
        }
        if (all || wanted.contains("stats")) {
            b.append("# Stats\r\ntotal_connections_received:").append(s.connectionsReceived())
                    .append("\r\ntotal_commands_processed:").append(s.commandsProcessed())
                    .append("\r\nexpired_keys:").append(s.store().expiredKeys())
                    .append("\r\nevicted_keys:").append(s.store().eviction().evictedKeys()).append("\r\n\r\n");
        }
        if (all || wanted.contains("keyspace")) {
            b.append("# Keyspace\r\n");
            for (int i = 0; i < KvStore.DATABASES; i++) {
                long keys = s.store().keyCount(i);
                if (keys > 0) {
                    b.append("db").append(i).append(":keys=").append(keys).append(",expires=")
                            .append(s.store().expiringKeyCount(i)).append(",avg_ttl=0\r\n");
                }
            }
            b.append("\r\n");
        }
        return b.toString().stripTrailing() + "\r\n";
    }
}
