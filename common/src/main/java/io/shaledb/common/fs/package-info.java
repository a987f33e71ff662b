/**
 * The file-system seam: every durable component reads and writes through
 * {@link io.shaledb.common.fs.FileSystem} instead of {@code java.nio} directly, so that tests can
 * replace the disk with one that loses power on command.
 *
 * <p>The contract is the Linux one, stated plainly because durable code lives or dies by it:
 *
 * <ul>
 *   <li>A write is in the page cache, not on disk, until {@link io.shaledb.common.fs.FileHandle#sync()}
 *       ({@code fdatasync}) returns. Unsynced writes may be lost, partly lost, or torn after a crash.
 *   <li>A new, renamed or deleted name is durable only after
 *       {@link io.shaledb.common.fs.FileSystem#syncDirectory} on its directory. Syncing a file does
 *       not make its name durable, and syncing a directory does not make file contents durable.
 *   <li>A rename is atomic: after a crash exactly one of the two names exists.
 *   <li>A failed sync is final. The kernel may already have dropped the dirty pages, so a retry
 *       that "succeeds" proves nothing; callers treat a sync failure as fatal for the file.
 * </ul>
 *
 * <pre>
 *                  durable code (wal, storage-btree, storage-lsm, ...)
 *                                    │  FileSystem / FileHandle
 *                 ┌──────────────────┴───────────────────┐
 *          RealFileSystem                      CrashSimulatingFileSystem
 *          FileChannel, force()                per file:  durable bytes | pending writes
 *                                              per dir:   durable names | pending ops
 *                                              crash(rnd): keep a random prefix of what is
 *                                              pending, tear the next write, reboot
 * </pre>
 *
 * {@link io.shaledb.common.fs.CrashSimulatingFileSystem} is deliberately harsher than most real
 * file systems (it forgets directory operations that ext4's journal would usually keep), so code
 * that survives it relies only on what POSIX and Linux promise.
 */
package io.shaledb.common.fs;
