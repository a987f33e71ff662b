/**
 * Transactions over the storage API: every data model reads and writes rows through a
 * {@link io.shaledb.txn.Transaction}, and gets multi-version concurrency control, the four SQL
 * isolation levels, row locks and garbage collection from here, on any engine.
 *
 * <h2>Versions</h2>
 * A row is a chain of versions stored under its key plus a version suffix, newest first. Each
 * version carries, like a PostgreSQL heap tuple, {@code xmin} (the transaction that created it)
 * and {@code xmax} (the one that deleted or replaced it, or locked it, or 0):
 *
 * <pre>
 *   key            xmin  xmax  payload
 *   t/7/"alice"#3   912     0  balance=70     <- newest: live
 *   t/7/"alice"#2   905   912  balance=100    <- replaced by 912
 *   t/7/"alice"#1   880   905  balance=120    <- dead once 905 is older than every snapshot
 * </pre>
 *
 * <h2>Who sees what</h2>
 * A {@link io.shaledb.txn.Snapshot} lists the transactions running when it was taken; a version is
 * visible when its creator committed before the snapshot and its deleter did not. READ COMMITTED
 * takes a snapshot per statement, REPEATABLE READ and SERIALIZABLE one per transaction, READ
 * UNCOMMITTED none at all (it reads the newest version whose creator has not aborted: real dirty
 * reads, unlike PostgreSQL, which treats the level as READ COMMITTED). Command ids keep a
 * statement from seeing its own changes.
 *
 * <h2>Writing</h2>
 * A writer takes the row lock ({@link io.shaledb.txn.lock}), then compares the newest version with
 * the one its statement saw: unchanged, it stamps {@code xmax} and adds a version; changed by a
 * concurrent committed transaction, READ COMMITTED re-checks the newer version and REPEATABLE READ
 * fails with 40001 (first updater wins). SERIALIZABLE additionally records every key and range it
 * reads and, before its first write in each statement and at commit, fails when a transaction it
 * could not see wrote into them — commit-time validation that serializes writers in commit order.
 *
 * <h2>Committing</h2>
 * Row versions are written deferred (no fsync). The commit record — two bits in a block of the
 * {@link io.shaledb.txn.CommitLog}, stored in the catalog engine — is written in commit order, one
 * sync makes it and everything before it durable, and only then does the commit become visible,
 * strictly in commit order. A transaction without a record when the server stopped is aborted:
 * recovery needs no undo, and vacuum removes its versions later.
 *
 * <pre>
 *   writes (deferred) ──> commitLock{ validate, record, seq } ──> sync ──> visible in seq order ──> unlock rows
 *                                                    (the catalog log syncs the other engines' logs before it writes)
 * </pre>
 *
 * Rows in another engine than the catalog reach the disk before the records that commit them (a
 * write barrier on the catalog engine), and a commit not yet durable holds the vacuum horizon back
 * so the versions it replaced are not pruned ahead of it; {@link io.shaledb.txn.TransactionManager}
 * and {@code docs/architecture/transactions.md} ("Commits across engines") explain both.
 *
 * <h2>Bulk writes</h2>
 * COPY FROM puts its transaction in bulk mode ({@link io.shaledb.txn.Transaction#bufferWrites}):
 * rows are locked and checked one by one, but their versions reach the engine in batches
 * ({@link io.shaledb.txn.WriteBuffer}), and every read applies the buffer first. An index build
 * loads its new, private key space in key order ({@link io.shaledb.txn.SortedLoad}) without locks
 * or per-key reads. Both write ordinary uncommitted versions.
 *
 * <h2>Vacuum</h2>
 * {@link io.shaledb.txn.Vacuum} deletes versions whose creator aborted and versions whose deleter
 * committed before the horizon (the oldest id any snapshot may still treat as running); an
 * autovacuum thread runs it on relations that gathered enough dead versions.
 */
package io.shaledb.txn;
