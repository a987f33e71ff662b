package io.shaledb.bench.engine;

/** The micro-benchmark workloads: a method of {@link EngineBenchmark} at a durability. */
public enum Workload {
    POINT_GET("pointGet", Durability.RELAXED, "point get (warm)"),
    RANDOM_PUT("randomPut", Durability.RELAXED, "random put (overwrite)"),
    SEQUENTIAL_PUT("sequentialPut", Durability.RELAXED, "sequential put (append)"),
    RANGE_SCAN("rangeScan100", Durability.RELAXED, "range scan, 100 rows"),
    DURABLE_PUT("randomPut", Durability.DURABLE, "random put, durable");

    private final String method;
    private final Durability durability;
    private final String title;

    Workload(String method, Durability durability, String title) {
        this.method = method;
        this.durability = durability;
        this.title = title;
    }

    /** The {@link EngineBenchmark} method. */
    public String method() {
        return method;
    }

    public Durability durability() {
        return durability;
    }

    /** The name on the command line, e.g. {@code point-get}. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Workload parse(String cliName) {
        for (Workload w : values()) {
            if (w.cliName().equals(cliName.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + cliName + "'; one of "
                + java.util.Arrays.stream(values()).map(Workload::cliName).toList());
    }

    /** Row title in reports. */
    public String title() {
        return title;
    }
}
