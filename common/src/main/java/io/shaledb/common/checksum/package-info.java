/**
 * Checksums for on-disk formats.
 *
 * <p>ShaleDB uses CRC-32C (Castagnoli) everywhere a format needs to detect torn writes and bit rot:
 * it is hardware-accelerated on x86 and ARM through {@link java.util.zip.CRC32C}, and it detects
 * every burst error up to 32 bits and every odd number of flipped bits. It is not a cryptographic
 * hash and does not defend against deliberate tampering.
 *
 * <pre>
 *   record bytes ──▶ CRC32C ──▶ stored value          (plain, e.g. WAL records)
 *                           └──▶ mask() ──▶ stored     (when the CRC is itself embedded in
 *                                                       data that is checksummed again)
 * </pre>
 *
 * Each format document in {@code docs/formats/} says which bytes are covered and which form is
 * stored.
 */
package io.shaledb.common.checksum;
