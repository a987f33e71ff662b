package io.shaledb.bench.engine;

/**
 * What a put has to achieve before it returns. Each store maps the two levels onto its own
 * settings; {@link StoreKind#durabilityNote} says how, and {@code docs/benchmarks.md} has the
 * same table.
 */
public enum Durability {
    /**
     * Acknowledged before it is on disk: a crash may lose the last moments of writes, never
     * corrupt the store. The setting of the micro-benchmarks, where the question is CPU and memory
     * efficiency rather than the disk's sync rate.
     */
    RELAXED,
    /** On disk (one {@code fsync}/{@code fdatasync} or more per put) before the put returns. */
    DURABLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Durability parse(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
