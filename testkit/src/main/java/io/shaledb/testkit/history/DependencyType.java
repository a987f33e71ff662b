package io.shaledb.testkit.history;

/**
 * Adya's direct dependencies between committed transactions, inferred per key from the version
 * order of its list.
 */
public enum DependencyType {
    /** write-write: {@code from} appended an element and {@code to} appended the next one. */
    WW("ww"),
    /** write-read: {@code to} read a list whose last element {@code from} appended. */
    WR("wr"),
    /**
     * read-write, the anti-dependency: {@code from} read a list, and {@code to} appended the element
     * that comes right after the last one {@code from} saw, so {@code from} did not see it.
     */
    RW("rw");

    private final String label;

    DependencyType(String label) {
        this.label = label;
    }

    int bit() {
        return 1 << ordinal();
    }

    static final int ALL = WW.bit() | WR.bit() | RW.bit();

    @Override
    public String toString() {
        return label;
    }
}
