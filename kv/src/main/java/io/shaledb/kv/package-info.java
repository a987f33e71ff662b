/**
 * The key-value model: Redis's keys, types and expiry, stored in the ShaleDB core as ordered byte
 * keys and changed only inside core transactions — so a kv write is as durable, and as isolated,
 * as a SQL row, through the same WAL and the same MVCC.
 *
 * <h2>Encoding (Kvrocks-style)</h2>
 * Every key has one <em>metadata</em> record; collections also have <em>sub-keys</em>, one per
 * element, tagged with the collection's version:
 *
 * <pre>
 *   'k' 'm' db "session:1"                 -> [STRING | expireAt | "{...}"]          a string: all in one record
 *   'k' 'm' db "user:42"                   -> [HASH | expireAt | version 77 | size 2]
 *   'k' 's' db "user:42" 77 "name"         -> "Ada"                                  sub-keys of version 77
 *   'k' 's' db "user:42" 77 "email"        -> "ada@example.com"
 *   'k' 'e' 1764120000000 db "session:1"   -> ()                                     expiry index (deadline order)
 *   'k' 'm' db "queue"                     -> [LIST | 0 | version 80 | size 2 | head -1]
 *   'k' 's' db "queue" 80 idx(-1)          -> "job1"                                 list slots: head .. head+size-1
 *   'k' 's' db "queue" 80 idx(0)           -> "job2"
 *   'k' 's' db "tags" 81 "red"             -> ()                                     a set member
 *   'k' 'z' db "lb" 82 1500.0 "player:42"  -> ()                                     sorted-set score index
 * </pre>
 *
 * Re-creating a collection draws a new version, so DEL of a million-field hash rewrites one
 * record; sub-keys of dead versions are unreachable at once and can be reclaimed in the background.
 * The layout is specified, with its version byte, in {@code docs/formats/kv.md}.
 *
 * <h2>Commands as transactions</h2>
 * {@link io.shaledb.kv.KvStore} runs each {@link io.shaledb.kv.KvDatabase} method as one READ
 * COMMITTED transaction. A writer locks the keys it touches (their lock stripes, ascending), then takes a
 * snapshot, so it always acts on the latest committed value — the serial behaviour Redis gets from
 * its single thread — while writers of different keys run in parallel and share group-commit
 * fsyncs. {@link io.shaledb.kv.Durability} ({@code appendfsync}) decides whether the reply waits
 * for the disk.
 *
 * <pre>
 *   INCR k:  lock stripe(k) ─ begin ─ snapshot ─ read meta ─ write new version ─ commit(wait?) ─ unlock ─ reply
 * </pre>
 *
 * Each type's commands live in their own class: {@link io.shaledb.kv.KvHashes},
 * {@link io.shaledb.kv.KvLists}, {@link io.shaledb.kv.KvSets}, {@link io.shaledb.kv.KvSortedSets}
 * (members), {@link io.shaledb.kv.KvSortedSetRanges} (ranges, pops) and
 * {@link io.shaledb.kv.KvSortedSetAlgebra} (ZUNION ...); commands across types in theirs:
 * {@link io.shaledb.kv.KvBits} (SETBIT, BITFIELD ...: read-modify-write of the whole string),
 * {@link io.shaledb.kv.KvLcs}, {@link io.shaledb.kv.KvSort} (SORT) and {@link io.shaledb.kv.KvCopy}
 * (COPY, MOVE: a collection's copy gets its own version and rows). {@link io.shaledb.kv.KvBlocking}
 * is where blocking pops wait: every list or sorted-set metadata write wakes the key's waiters, and
 * CLIENT UNBLOCK ends a wait.
 *
 * <h2>Batches: MULTI/EXEC and pipelines</h2>
 * {@link io.shaledb.kv.KvStore#atomically} runs several commands as one core transaction: it
 * locks the stripes of every key they may write up front (ascending), takes one REPEATABLE READ
 * snapshot, and every {@link io.shaledb.kv.KvDatabase} call the thread makes meanwhile joins that
 * transaction, each under a savepoint so a failing command undoes only itself. WATCH
 * ({@link io.shaledb.kv.KvWatch}) is told, after each commit, which keys changed.
 *
 * <pre>
 *   EXEC / pipeline run:  stripes(a, b) ─ begin ─ [sp SET a ─ sp INCR b ─ sp GET a] ─ commit ─ watches ─ unlock
 * </pre>
 *
 * <h2>Random elements</h2>
 * HRANDFIELD, SRANDMEMBER, SPOP and ZRANDMEMBER ({@link io.shaledb.kv.KvSampler}) follow Redis's
 * case split: a count of at least the size, or more than a third of it, reads the collection
 * whole and chooses exactly (so does a collection of at most 128 elements, and repeated picks
 * when {@code |count| · 16} reaches the size); otherwise each pick seeks into the member range,
 * which costs O(log n) per seek plus 16 rows, so a small count never reads a large collection
whole (measured: 24-44 rows per pick on 2,000 members, most of them single-row seeks that missed).
 *
 * <pre>
 *   first member ─────────────── u ───────────────────────── last member      u uniform between them
 *        │  m1  m2   m3      m4   u m5 m6 m7 ...                               (as base-256 fractions)
 *                                 └─┘ landing m5: kept if it is within the mean gap of u, else seek again
 *                                     then one of the 16 rows m5 .. m20 (wrapping), uniformly
 * </pre>
 *
 * <b>Bias.</b> The store keeps no counts, so a seek lands on a member with probability
 * proportional to its gap in key space, not 1/n. Keeping a landing only within the mean gap of
 * its seek point (a member is then kept with probability min(gap, mean gap)) stops a member after
 * an empty stretch of key space from being picked far more often, and the window of 16 smooths
 * neighbouring gaps; what remains is that members where the key space is densely filled are
 * picked less often. Measured on 2,000 members, 40,000 picks: random hex strings and UUIDs get
 * every rank decile 8-12% of the picks (uniform: 10%; a member's count was 0-4 times the mean);
 * "user:" + two letters + a number 9-12%; but sequential ids ("member:0" ... "member:1999": the
 * prefix "member:1" holds 1,111 of them in as much key space as "member:2" holds 111) only
 * 1-21%, and 42% were never picked. Collections up to 128 elements and large counts are exact,
 * which is what Redis's own tests check (their chi-square checks use 10 elements).
 *
 * <h2>Encodings</h2>
 * OBJECT ENCODING reports Redis 7.0's encoding, which is state: {@link io.shaledb.kv.KvEncoding}
 * lives in the metadata record (format 2) and converts up, never back, by
 * {@link io.shaledb.kv.KvEncodingRules} (the {@code *-max-listpack-*} and
 * {@code set-max-intset-entries} thresholds, which CONFIG SET changes).
 *
 * <h2>Reclaiming</h2>
 * {@link io.shaledb.kv.KvReclaimer} deletes, in the background, the sub-keys of collection versions
 * whose metadata is gone or names another version, seeking past live collections.
 *
 * <h2>Expiry</h2>
 * Lazy: a command treats a key past its deadline as missing (and a writing command deletes it).
 * Active: setting a deadline also writes an entry in the expiry index; a background thread scans
 * the index up to "now" and deletes keys whose metadata still says they expired. Unlike Redis's
 * random sampling this finds every expired key, in deadline order, with no scan of live keys.
 */
package io.shaledb.kv;
