package io.shaledb.common.encoding;

/**
 * How one column of a key tuple sorts: its direction and where NULL goes.
 *
 * <p>The defaults follow PostgreSQL: {@code ASC} puts NULL last, {@code DESC} puts NULL first
 * (NULL behaves as larger than every value).
 */
public record SortOrder(boolean descending, boolean nullsFirst) {
    public static final SortOrder ASC = new SortOrder(false, false);
    public static final SortOrder DESC = new SortOrder(true, true);
    public static final SortOrder ASC_NULLS_FIRST = new SortOrder(false, true);
    public static final SortOrder DESC_NULLS_LAST = new SortOrder(true, false);

    public static SortOrder of(boolean descending) {
        return descending ? DESC : ASC;
    }
}
