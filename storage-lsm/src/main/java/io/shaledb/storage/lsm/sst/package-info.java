/**
 * The SSTable file format: immutable sorted files of internal entries, written once by
 * {@link io.shaledb.storage.lsm.sst.TableBuilder} and read by
 * {@link io.shaledb.storage.lsm.sst.TableReader}. {@code docs/formats/sstable.md} is the
 * specification; this is the tour.
 *
 * <pre>
 *  offset 0 ┌──────────────────────────────┐
 *           │ data block 0     │ trailer   │  entries, prefix-compressed, restart points
 *           │ data block 1     │ trailer   │  (optionally LZ4-compressed)
 *           │ ...                          │
 *           │ filter block     │ trailer   │  bloom filter over the table's user keys
 *           │ properties block │ trailer   │  counts, sizes, sequence range, key range
 *           │ index block      │ trailer   │  last key of each data block → (offset, size)
 *           │ footer (56 bytes)            │  handles, version, CRC, magic "SHALESST"
 *           └──────────────────────────────┘
 *  trailer = 1 byte compression type + CRC-32C of (stored block ‖ type byte)
 * </pre>
 *
 * <p>Within a block, each key is stored as the length it shares with the previous key plus the
 * rest; every {@code restartInterval}-th key is stored whole and its offset listed at the end of
 * the block. Readers decode a whole block at once into a {@link io.shaledb.storage.lsm.sst.Block}
 * (small, and what the {@link io.shaledb.storage.lsm.sst.BlockCache} keeps), then binary-search it.
 *
 * <p>Every block is checked against its CRC before it is decompressed or parsed; a mismatch raises
 * {@link io.shaledb.storage.lsm.sst.CorruptSstException} naming the file and the block's offset,
 * so damaged data is never returned. The footer carries its own CRC and the magic number, so a
 * truncated or foreign file is recognised on open.
 *
 * <p>Internal keys ({@link io.shaledb.storage.lsm.sst.InternalKeys}) are the user key followed by
 * eight bytes {@code sequence << 8 | kind}, big-endian; they sort by user key ascending and then
 * by those eight bytes descending, newest first.
 */
package io.shaledb.storage.lsm.sst;
