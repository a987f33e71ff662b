package io.shaledb.storage.btree.tree;

import java.util.Arrays;

/**
 * A batch's finger: the leaf its previous put or delete landed in, with the key range
 * {@code [low, high)} the descent to it found (null for an unbounded side), so that the next
 * operation whose key falls in that range goes straight to the leaf instead of descending from the
 * root. Batches of close or ascending keys (a list's elements, a bulk insert's primary keys, a
 * transaction's write buffer) land in the same leaf many times in a row.
 *
 * <p>Why it is safe to use (the argument is in the {@code tree} package essay): the finger is only
 * followed while its {@link PageContext} still holds the leaf latched exclusive, which it has done
 * without a break since the descent that recorded the range (a changed page stays latched until the
 * batch's record is logged, an unchanged one is released and then fails the check). Nobody else can
 * split, merge or free a leaf someone holds, and a neighbour emptying only widens the leaf's range,
 * so the recorded range stays inside the leaf's real range. The batch's own structure modifications
 * could change the leaf, so every pessimistic (structure-modifying) path {@link #clear clears} the
 * finger before it descends. A finger changes nothing that is logged: the operation makes the same
 * slot insert or removal on the same leaf as after a descent.
 */
final class Finger {

    /** After this many misses in a row, only every this-many-th miss records fences (see {@link #recordsFences}). */
    static final int BACKOFF = 16;

    private int leaf = -1;
    private byte[] low;
    private byte[] high;
    private long hits;
    private long misses;
    private int missRun;

    /** The leaf to use for {@code key} when the finger covers it, else -1 (descend). */
    int leafFor(byte[] key) {
        if (leaf >= 0 && (low == null || Arrays.compareUnsigned(key, low) >= 0)
                && (high == null || Arrays.compareUnsigned(key, high) < 0)) {
            return leaf;
        }
        return -1;
    }

    /** Points the finger at {@code leafId}, which covers {@code [low, high)} (null: unbounded). */
    void set(int leafId, byte[] low, byte[] high) {
        this.leaf = leafId;
        this.low = low;
        this.high = high;
    }

    /** Forgets the leaf: the next operation descends. */
    void clear() {
        leaf = -1;
        low = null;
        high = null;
    }

    void hit() {
        hits++;
        missRun = 0;
    }

    void miss() {
        misses++;
        missRun++;
    }

    /**
     * Whether the descent after the current miss should record its leaf's fences (a copy of up to
     * two separator keys per level). The first two misses in a row do (a run of neighbouring keys
     * starts again after a split, or after a jump to another part of the key space); after that
     * only every {@value #BACKOFF}th does, so a batch of scattered keys, which the finger cannot
     * help, pays for the copies rarely, and a run of neighbouring keys that starts later in it is
     * picked up within {@value #BACKOFF} operations.
     */
    boolean recordsFences() {
        return missRun <= 2 || missRun % BACKOFF == 0;
    }

    /** Operations that went straight to the remembered leaf. */
    long hits() {
        return hits;
    }

    /** Operations that descended from the root (the finger did not cover their key, or did not hold its leaf). */
    long misses() {
        return misses;
    }
}
