package io.shaledb.bench.compare;

/** The workloads of the comparison, in the order they run on each store. */
public enum CompareWorkload {
    SEQUENTIAL_PUT("sequential put", true, "puts of keys 0, 1, 2, ... in key order into an empty store (its own directory)"),
    RANDOM_PUT("random put", true, "puts of the N keys in a random order into an empty store: the load of the main data set"),
    GET_HIT("point get, hit", false, "gets of uniformly random existing keys"),
    GET_MISS("point get, miss", false, "gets of absent keys that sort between existing ones"),
    SCAN("range scan, 10-100 rows", false, "a scan from a random existing key reading 10 to 100 (uniform) entries"),
    CHURN("update churn", true, "writes to random existing keys at constant data size: half overwrite the value, "
            + "half delete the key and then insert the key's next version (two writes)");

    private final String title;
    private final boolean writes;
    private final String description;

    CompareWorkload(String title, boolean writes, String description) {
        this.title = title;
        this.writes = writes;
        this.description = description;
    }

    public String title() {
        return title;
    }

    /** Whether the workload writes (and so is settled and has a write amplification). */
    public boolean writes() {
        return writes;
    }

    public String description() {
        return description;
    }
}
