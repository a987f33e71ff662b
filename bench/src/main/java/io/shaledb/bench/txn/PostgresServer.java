package io.shaledb.bench.txn;

import io.shaledb.testkit.peer.PostgresPeer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference: a throwaway PostgreSQL cluster ({@link PostgresPeer}) with the durability of a
 * real installation, so that a commit on either server means "on disk": {@code fsync=on} and
 * {@code synchronous_commit=on} (PostgresPeer's default is {@code fsync=off}), every other setting
 * PostgreSQL's default ({@code shared_buffers} 128 MB, {@code full_page_writes} on, autovacuum on,
 * {@code deadlock_timeout} 1 s) unless the caller adds settings.
 */
public final class PostgresServer implements BenchServer {

    /** The settings that differ from PostgresPeer's defaults, as {@code name=value}. */
    public static final List<String> SETTINGS = List.of("fsync=on", "synchronous_commit=on");

    /** Defaults that matter for these workloads, named in the report unless overridden. */
    private static final List<String> DEFAULTS_WORTH_NAMING = List.of("deadlock_timeout 1s", "shared_buffers 128MB",
            "full_page_writes on", "autovacuum on", "checkpoint_timeout 5min");

    private final PostgresPeer peer;
    private final int majorVersion;
    private final List<String> extraSettings;

    private PostgresServer(PostgresPeer peer, int majorVersion, List<String> extraSettings) {
        this.peer = peer;
        this.majorVersion = majorVersion;
        this.extraSettings = extraSettings;
    }

    /**
     * Starts the cluster with {@link #SETTINGS}, then {@code extraSettings} ({@code name=value},
     * e.g. {@code deadlock_timeout=10ms}; a later one wins).
     */
    public static PostgresServer start(List<String> extraSettings) throws IOException {
        PostgresPeer peer = PostgresPeer.builder().settings(SETTINGS.toArray(String[]::new))
                .settings(extraSettings.toArray(String[]::new)).start();
        try {
            return new PostgresServer(peer, peer.majorVersion(), List.copyOf(extraSettings));
        } catch (IOException | RuntimeException e) {
            try {
                peer.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Endpoint endpoint() {
        return new Endpoint("127.0.0.1", peer.port(), peer.user(), "postgres");
    }

    @Override
    public String describe() {
        List<String> all = new ArrayList<>(SETTINGS);
        all.addAll(extraSettings);
        List<String> defaults = DEFAULTS_WORTH_NAMING.stream()
                .filter(d -> all.stream().noneMatch(x -> x.startsWith(d.substring(0, d.indexOf(' ')) + "=")))
                .toList();
        return "PostgreSQL " + majorVersion + ", " + String.join(", ", all) + "; every other setting PostgreSQL's"
                + " default (among them " + String.join(", ", defaults) + ")";
    }

    @Override
    public boolean isAlive() {
        return true; // pgbench's own errors say so when it is not; PostgresPeer keeps no process handle
    }

    @Override
    public String logTail(int maxChars) {
        return BenchServer.tail(peer.serverLog(), maxChars);
    }

    @Override
    public void close() throws IOException {
        peer.close();
    }
}
