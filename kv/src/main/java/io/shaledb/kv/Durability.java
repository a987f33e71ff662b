package io.shaledb.kv;

import java.time.Duration;
import java.util.Locale;

/**
 * When a write is on disk, by Redis's {@code appendfsync} names. A kv write is one core transaction;
 * these map onto its commit: {@link #ALWAYS} waits for the commit record's sync (group commit shares
 * one fsync among concurrent writers), {@link #EVERYSEC} and {@link #NO} acknowledge at once
 * ({@link io.shaledb.txn.Transaction#commit(boolean)} without waiting) and a background thread syncs
 * the log every second, or every {@link #NO_SYNC_INTERVAL} for {@link #NO} (the kernel's dirty-page
 * flush is about as lazy). A crash loses at most that window, never part of a command.
 */
public enum Durability {
    ALWAYS("always"),
    EVERYSEC("everysec"),
    NO("no");

    /** How often {@link #NO} syncs: Linux writes dirty pages back after about 30 s too. */
    public static final Duration NO_SYNC_INTERVAL = Duration.ofSeconds(30);

    private final String configName;

    Durability(String configName) {
        this.configName = configName;
    }

    /** The {@code appendfsync} value: always, everysec or no. */
    public String configName() {
        return configName;
    }

    /** Whether a command waits for its commit to be on disk before it is acknowledged. */
    public boolean waitsForDisk() {
        return this == ALWAYS;
    }

    /** How often the background thread syncs, or null for {@link #ALWAYS}. */
    public Duration syncInterval() {
        return switch (this) {
            case ALWAYS -> null;
            case EVERYSEC -> Duration.ofSeconds(1);
            case NO -> NO_SYNC_INTERVAL;
        };
    }

    /** Parses an {@code appendfsync} value (case-insensitive). */
    public static Durability parse(String value) {
        for (Durability d : values()) {
            if (d.configName.equalsIgnoreCase(value)) {
                return d;
            }
        }
        throw new IllegalArgumentException("appendfsync must be always, everysec or no, got '" + value.toLowerCase(Locale.ROOT) + "'");
    }
}
