package io.shaledb.storage.lsm.sst;

/**
 * An iterator over internal entries in one direction, already positioned by whoever created it.
 * Forward iterators visit internal keys in ascending {@link InternalKeys#COMPARATOR} order,
 * backward ones in descending order.
 */
public interface EntryIterator {
    boolean valid();

    /** The current internal key. Only while {@link #valid()}. */
    byte[] key();

    /** The current value (a copy the caller may keep). Only while {@link #valid()}. */
    byte[] value();

    void next();
}
