/**
 * Transactions over the storage API: MVCC row versions stamped with {@code xmin}/{@code xmax},
 * snapshots, the four SQL isolation levels, row locks and vacuum. (Essay to follow with the
 * implementation.)
 */
package io.shaledb.txn;
