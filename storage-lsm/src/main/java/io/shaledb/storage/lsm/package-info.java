/**
 * The LSM-tree storage engine: {@link io.shaledb.storage.lsm.LsmEngine}, an implementation of
 * {@link io.shaledb.storage.StorageEngine} that turns every write into a sequential append and
 * keeps data in immutable sorted files that background work merges.
 *
 * <h2>The write path</h2>
 *
 * <pre>
 *   put/delete/apply ──► WAL record (one per batch, type 113 "lsm.batch.v2") ──► awaitCommit (group commit)
 *          │
 *          └─► memtable (ConcurrentSkipListMap on internal keys)  ── full? ──► frozen memtable
 *                                                                                  │ flush thread
 *                                                                                  ▼
 *                                                                   L0 SSTable + manifest edit
 *                                                                                  │ compaction thread
 *                                                                                  ▼
 *                                                           L1 … Ln, each level 10x the previous
 * </pre>
 *
 * <p>Every operation gets a <b>sequence number</b>; a batch takes a contiguous range. The
 * memtable and every SSTable are keyed by <b>internal keys</b>: user key, then sequence
 * descending, then kind (value or tombstone), so the newest version of a key sorts first. Writes
 * are serialized only for the few microseconds it takes to assign sequences, append the log record
 * to the WAL's buffer and insert into the skiplist; the wait for the disk happens outside that lock
 * so concurrent writers share fsyncs. A write becomes <b>visible</b> when its sequence is
 * published, after its log record is acknowledged (durable in {@code SYNC}), so readers never see
 * a write that a crash could take back, and a batch becomes visible all at once.
 *
 * <h2>The read path and snapshots</h2>
 *
 * <p>A reader takes, atomically, the published sequence {@code S} and the current <b>view</b>:
 * the active memtable, the frozen ones and the {@link io.shaledb.storage.lsm.Version} (the set of
 * SSTables per level). It then reads "as of {@code S}": for each key, the newest entry with a
 * sequence at most {@code S}. A point read looks in the memtables, then L0 files newest first,
 * then one file per deeper level, stopping at the first hit (each source holds only versions
 * older than the sources before it); bloom filters skip most files that lack the key. A scan
 * merges all sources with a heap ({@link io.shaledb.storage.lsm.MergingIterator}), forward or
 * backward; deeper levels are read one file at a time ({@link io.shaledb.storage.lsm.LevelIterator}).
 * A cursor pins its version (reference counting) so compactions can replace files while it runs:
 * the files it reads are deleted only when the last version listing them is released. Cursors are
 * therefore true snapshots.
 *
 * <h2>Flush, compaction and what may be dropped</h2>
 *
 * <pre>
 *   L0  [9][8][7][6]        ◄─ flushed memtables, may overlap; 4 files trigger L0→L1
 *   L1  [a..f][g..m][n..z]  ◄─ target 256 MiB (configurable), sorted, disjoint
 *   L2  [..][..][..][..]..  ◄─ target x10
 * </pre>
 *
 * <p>Leveled compaction picks the level with the highest score (L0: files / trigger; others:
 * bytes / target), takes all of L0 or one file of the level (round robin through the key space)
 * plus the overlapping files of the next level, and merge-sorts them into new files of the next
 * level, cut at about {@code targetFileSize} on user-key boundaries. Inputs with nothing to merge
 * with (their key ranges disjoint from each other and from every file of the next level, as L0
 * files are under sequential writes) are moved down by a manifest edit alone, however many they
 * are (a "trivial move"). While merging, an entry is dropped when a newer
 * entry of the same key has a sequence at most the published sequence at the compaction's start
 * (no reader, present or future, can ask for it); a tombstone is dropped too when no deeper level
 * holds a file whose range contains its key. Writers are slowed (1 ms per write) and then stalled
 * when L0 holds too many files, when too many frozen memtables wait for their flush, or when the
 * compaction debt grows too large; each case is counted, and logged at most once a second (a stall
 * WARN at the start of a stall episode, with the episodes and stalled writes since the last line).
 *
 * <h2>Durability and recovery</h2>
 *
 * <p>An SSTable is written, synced and its directory entry synced before the manifest edit that
 * installs it is appended and synced; the edit also records the <b>flushed sequence</b> (every
 * sequence up to it is in SSTables). On open the engine replays the manifest named by
 * {@code CURRENT}, opens the SSTables (verifying footers, indexes and filters), deletes files no
 * edit installed (a crash mid-flush or mid-compaction leaves such orphans), writes a fresh manifest
 * and switches {@code CURRENT} to it atomically, and replays the WAL records above the flushed
 * sequence into a memtable. After each flush the WAL segments whose records are all flushed are
 * deleted; the engine caps the log's segment size at a quarter of the memtable size (at least 1 MiB
 * unless configured smaller) so that at most about that much already-flushed log stays on disk. The bytes
 * are specified in {@code docs/formats/sstable.md} and {@code docs/formats/manifest.md}.
 */
package io.shaledb.storage.lsm;
