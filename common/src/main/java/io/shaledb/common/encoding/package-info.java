/**
 * Order-preserving encoding of key tuples: SQL values in, byte strings out, such that comparing
 * the bytes unsigned-lexicographically gives the same answer as comparing the tuples in SQL.
 *
 * <p>This is what lets every data model live on one ordered byte-key map: a table row is stored
 * under {@code prefix + encode(primary key)} and an index entry under {@code prefix + encode(index
 * columns, primary key)}, and a range scan of bytes is a range scan in SQL order. The full format
 * is specified in {@code docs/formats/key-encoding.md}; this is the short version.
 *
 * <h2>Layout</h2>
 *
 * A tuple is the concatenation of its columns, with no header, length or type tags (the reader
 * knows the schema). Each column is a marker byte and, unless NULL, the value:
 *
 * <pre>
 *  column   := marker [value]
 *  marker   := 01 NULL that sorts low | 02 value present | 03 NULL that sorts high
 *
 *  type      value bytes (ascending)                        example
 *  boolean   00 | 01                                        true  -&gt; 02 01
 *  int64     8 bytes big-endian, sign bit flipped           -1    -&gt; 02 7F FF FF FF FF FF FF FF
 *  float64   8 bytes: bits ^ 8000.. if &gt;= +0, ~bits if &lt; 0  1.0   -&gt; 02 BF F0 00 00 00 00 00 00
 *  text      UTF-8 with 00 -&gt; 00 FF, then 00 01             "a\0" -&gt; 02 61 00 FF 00 01
 *  bytes     as text, without the UTF-8 step                x''   -&gt; 02 00 01
 * </pre>
 *
 * <p>A DESC column is written exactly as ASC and then every byte of it, marker included, is
 * inverted ({@code b -> ~b}). The NULL marker is chosen so that after any inversion NULL lands
 * where {@link io.shaledb.common.encoding.SortOrder#nullsFirst()} asks: {@code 01} (inverted:
 * {@code FE}) or {@code 03} (inverted: {@code FC}) around {@code 02} (inverted: {@code FD}).
 *
 * <h2>Why inversion is enough for DESC: prefix-freeness</h2>
 *
 * Inverting bytes reverses the order of two strings only if they differ at some position: if
 * {@code x} is a proper prefix of {@code y}, then {@code x < y} both before and after inversion.
 * So inversion works exactly when no column encoding is a proper prefix of another encoding of
 * the same column type, and that is the job of the terminator. Fixed-width types are prefix-free
 * trivially. For strings, {@code 00} can only appear in the encoding as the first byte of a pair
 * ({@code 00 FF} for a data zero, {@code 00 01} for the end), so two different strings first
 * differ either in a data byte or at a pair where one has {@code 00 01} and the other has
 * {@code 00 FF} or a non-zero byte; never does one encoding simply stop. The pair values are also
 * chosen for order: end ({@code 00 01}) sorts below a data zero ({@code 00 FF}), which sorts below
 * any other data byte, so {@code "a" < "a\0" < "a\1"} as in SQL.
 *
 * <p>Prefix-freeness also makes concatenation unambiguous: the decoder always knows where a column
 * ends, and tuples compare column by column because equal columns have identical bytes and the
 * first unequal column decides at its first differing byte.
 *
 * <h2>Canonicalisation</h2>
 *
 * PostgreSQL's float8 order has {@code -0 = +0} and all NaNs equal and above {@code +Infinity};
 * the encoder folds {@code -0.0} into {@code 0.0} and every NaN into {@link Double#NaN} before
 * writing, so decoding returns those canonical values. Text must be well-formed UTF-16 (no unpaired
 * surrogates), since only well-formed text has a UTF-8 form; the encoder rejects the rest rather than
 * let distinct strings collide. Text sorts by code point (PostgreSQL's {@code C} collation), which
 * is the order of UTF-8 bytes and not Java's {@link String#compareTo}.
 */
package io.shaledb.common.encoding;
