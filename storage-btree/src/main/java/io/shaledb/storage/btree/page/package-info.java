/**
 * The on-disk page formats and the page file. Byte layouts are in {@code docs/formats/btree.md}.
 *
 * <pre>
 *  every page:   | crc32c | type | ver | rsvd | page LSN | page no | type-specific 12 B | body |
 *                0        4      5     6      8          16        20                   32
 *
 *  slotted page (leaf, internal):
 *  +--------+--------------------+------- free -------+-------------------------------+
 *  | header | slot 0 | slot 1 .. |  ──▶         ◀──   | cell n ... (holes) ... cell 0 |
 *  +--------+--------------------+--------------------+-------------------------------+
 *
 *  overflow page:  | header (next page, length) | data ...                |
 * </pre>
 *
 * Every page carries its own number and a CRC-32C over everything but the CRC itself; a read that
 * fails either check throws {@link io.shaledb.storage.btree.page.CorruptPageException} naming the
 * file and the page, never returning the damaged bytes.
 */
package io.shaledb.storage.btree.page;
