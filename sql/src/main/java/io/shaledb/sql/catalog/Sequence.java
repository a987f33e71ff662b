package io.shaledb.sql.catalog;

/**
 * A sequence's definition (its current value lives in {@link Sequences}, outside transactions).
 *
 * @param id its id (from the catalog's id counter; its state key is {@code 'c' 'q' u32be(id)})
 * @param ownerTableId the table whose column owns it (SERIAL), or 0; dropped with that table
 * @param ownerColumn the owning column's name, or null
 */
public record Sequence(int id, String name, long increment, long min, long max, long start, long cache, boolean cycle,
                       int ownerTableId, String ownerColumn) {

    public Sequence withOwnerColumn(String column) {
        return new Sequence(id, name, increment, min, max, start, cache, cycle, ownerTableId, column);
    }

    public Sequence withName(String newName) {
        return new Sequence(id, newName, increment, min, max, start, cache, cycle, ownerTableId, ownerColumn);
    }

    /** The OID clients see. */
    public int oid() {
        return Table.FIRST_USER_OID + id;
    }
}
