package io.shaledb.storage.btree.page;

/** The kind of a page, stored in byte 4 of every page header. Codes are part of the file format. */
public enum PageType {
    /** Page 0: the tree's meta data (root, page count, free list). */
    META(1),
    /** A B+Tree leaf: a slotted page of key/value cells. */
    LEAF(2),
    /** A B+Tree internal node: a slotted page of separator/child cells. */
    INTERNAL(3),
    /** One page of an overflow chain holding part of a large key or value. */
    OVERFLOW(4),
    /** A page on the free list, waiting to be reused. */
    FREE(5);

    private final int code;

    PageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with {@code code}, or null when no type has it. */
    public static PageType of(int code) {
        return switch (code) {
            case 1 -> META;
            case 2 -> LEAF;
            case 3 -> INTERNAL;
            case 4 -> OVERFLOW;
            case 5 -> FREE;
            default -> null;
        };
    }
}
