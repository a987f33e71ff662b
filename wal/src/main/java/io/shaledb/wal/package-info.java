/**
 * The write-ahead log: one ordered, checksummed, append-only stream of records that every durable
 * component (B+Tree redo, the LSM memtable log, transaction commit records, later replication)
 * writes before it changes anything else, and replays after a crash.
 *
 * <h2>Shape</h2>
 *
 * <pre>
 *   threads ── append(type, payload) ──▶ [ write buffer ]──write──▶ segment file (page cache)
 *      │            returns LSN                                          │
 *      └── awaitDurable(lsn) / commit ──▶ leader? ── fdatasync ──────────┘
 *                                          │ yes: sync everything appended so far,
 *                                          │      publish durableLsn, wake all
 *                                          └ no:  wait; covered by the running sync,
 *                                                 or lead the next one
 *
 *   directory:  0000000000000000.wal  0000000004000020.wal  0000000008000041.wal ...
 *               │hdr│rec│rec│...│     │hdr│rec│rec│...│      │hdr│rec│rec│ (active)
 *               LSN = segment base + byte offset in the file
 * </pre>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li><b>LSN is a byte position</b> in the log stream, as in PostgreSQL: the record at offset
 *       {@code o} of the segment whose file name is base {@code b} has LSN {@code b + o}. Segment
 *       headers occupy LSN space, so the first record's LSN is 32 and 0 is never a record's LSN
 *       (free for "no LSN"). Mapping an LSN to a file and offset needs no index, and every record
 *       header repeats its LSN, so stale or misplaced bytes never parse as the next record.
 *   <li><b>Records do not span segments.</b> A segment is closed when the next record does not
 *       fit; a record larger than a whole segment gets one of its own. This keeps the reader and
 *       recovery simple; the price is at most one record's worth of slack per segment.
 *   <li><b>A segment is complete before its successor gets a record.</b> Rolling over syncs the
 *       old segment, then creates the new one, syncs its header and the directory. So the only
 *       place a crash can leave a torn record is the last segment, which is what makes the
 *       recovery rule safe: damage anywhere else is corruption, and is reported, never skipped.
 *   <li><b>Group commit by leader/follower</b>, not a flusher thread: a lone committer syncs on
 *       its own thread with no hand-off; under load, each sync covers every commit that arrived
 *       while the previous one ran. {@link io.shaledb.wal.SyncMode#GROUP_DELAY} makes the leader
 *       linger first; {@link io.shaledb.wal.SyncMode#OFF} acknowledges at once and leaves syncing
 *       to a background thread.
 *   <li><b>Failure is final.</b> After a failed write or sync the log refuses everything with
 *       {@link io.shaledb.wal.WalFailedException}; reopening runs recovery, which finds what is
 *       really on disk. Retrying an {@code fsync} after a failure can report success for data the
 *       kernel already dropped.
 *   <li><b>One log may depend on another</b> ({@link io.shaledb.wal.Wal#setWriteBarrier}): a
 *       barrier runs before any record leaves the buffer for the file, so records that commit
 *       rows kept in a second log never reach the disk, not even the page cache, before those
 *       rows. A sync runs its barrier without the append lock and then writes only what was
 *       appended before the barrier started; appenders are not held up by the other log's fsync.
 *   <li><b>The checksum covers the payload first, then the header</b> (minus the CRC itself), so
 *       a writer computes the expensive part before it takes the append lock and learns its LSN.
 * </ul>
 *
 * <h2>Using it</h2>
 *
 * <pre>{@code
 * static final byte COMMIT = RecordTypes.register(RecordTypes.Range.TRANSACTION, 16, "txn.commit");
 *
 * try (Wal wal = Wal.open(RealFileSystem.INSTANCE, dataDir.resolve("wal"), WalOptions.defaults())) {
 *     wal.replay(checkpointLsn, (lsn, type, payload) -> redo(lsn, type, payload));
 *     long lsn = wal.append(PAGE_REDO, redoBytes);   // buffered
 *     wal.commit(COMMIT, commitBytes);               // durable (per SyncMode) when this returns
 *     wal.awaitDurable(pageLsn);                     // before writing a page: WAL before data
 *     wal.truncateBefore(newCheckpointLsn);          // drop segments no longer needed
 * }
 * }</pre>
 *
 * The byte formats and the recovery rule are specified in {@code docs/formats/wal.md}.
 */
package io.shaledb.wal;
