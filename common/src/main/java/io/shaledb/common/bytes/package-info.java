/**
 * Byte strings as keys.
 *
 * <p>Every ShaleDB storage engine is an ordered map from byte strings to byte strings, and the one
 * order they all use is <em>unsigned lexicographic</em> order ({@link
 * io.shaledb.common.bytes.Bytes#UNSIGNED_ORDER}): compare byte by byte as values 0..255; at the
 * first difference the smaller byte sorts first; if one string runs out first, it sorts first. So
 * {@code 7F < 80} (a signed comparison would say the opposite), {@code "" < 00 < 00 00 < 01}, and a
 * string sorts immediately before all of its extensions.
 *
 * <p>That last fact is what makes prefix scans cheap. All keys that start with a prefix {@code p}
 * form one contiguous run, from {@code p} itself up to (excluding) {@link
 * io.shaledb.common.bytes.Bytes#prefixEnd prefixEnd(p)}: drop trailing {@code FF} bytes from
 * {@code p} and add one to the last remaining byte. For {@code 01 FF} that is {@code 02}: every key
 * below {@code 02} that is at least {@code 01 FF} starts with {@code 01 FF}. When {@code p} is empty
 * or all {@code FF} there is no such key and the range is unbounded above ({@code null}).
 *
 * <p>Byte arrays are mutable, so the convention throughout is: callers may reuse arrays they pass
 * in (receivers copy what they keep), and must not modify arrays they are handed back.
 */
package io.shaledb.common.bytes;
