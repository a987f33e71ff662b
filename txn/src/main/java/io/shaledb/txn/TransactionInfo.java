package io.shaledb.txn;

import java.time.Instant;

/**
 * A running transaction as the activity views show it.
 *
 * @param xid its id, or 0 before its first write
 * @param snapshotXmin the oldest id its snapshot still needs, or 0 before its first snapshot
 */
public record TransactionInfo(int pid, long xid, IsolationLevel isolation, boolean readOnly, Instant started,
                              long snapshotXmin) {}
