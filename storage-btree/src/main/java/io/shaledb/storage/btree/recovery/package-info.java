/**
 * Logging, checkpoints and redo.
 *
 * <pre>
 *   log:   ... | ckpt redo LSN R ▼ | img(p4) δ(p9) | δ(p4) | img(p12,p0,p13) δ(p7) | ... | (torn tail)
 *                                 redo starts here (btree.control)
 *
 *   writer, per changed page P (P latched X, its LSN still that of its previous change):
 *       only cell inserts/removes on P, and LSN(P) >= R  ──▶ delta δ(P): the slot operations
 *       otherwise (first change since R, split, merge,   ──▶ img(P): the whole page, hole left out
 *                  new/freed/overflow page, meta page)
 *
 *   redo, per part of a record at LSN L:
 *       img(P):  P on disk intact and LSN >= L  ──▶ skip;  otherwise (older, torn, missing) ──▶ write it, LSN L
 *       δ(P):    P intact and LSN >= L          ──▶ skip
 *                P intact and LSN == δ's prev   ──▶ apply the slot operations, write it, LSN L
 *                anything else                  ──▶ CorruptPageException naming file and page
 *
 *   checkpoint (fuzzy):  [redo fence X: R = end of log, publish R]
 *                        ─▶ write pages dirty now (latch shared per page)
 *                        ─▶ sync data file ─▶ control file := R ─▶ drop WAL segments before R
 *   writer:              [redo fence S: read R, choose img/δ per page, append the record]
 * </pre>
 *
 * <h2>Why a torn page is always followed by a full image in the redo range</h2>
 *
 * Let R be the redo LSN in the control file, that of the last completed checkpoint C. A page can
 * be torn only by a write the crash interrupted, i.e. one issued after C synced the data file
 * (earlier writes were made durable whole by that sync). That write carried the page's latest
 * change, logged at some LSN L. L >= R: a change logged below R marked its page dirty before
 * (its record was appended before R was noted, because the redo fence orders the two), so the page
 * was in C's dirty list, C wrote it before its sync, and without a later change it stayed clean
 * and was never written again. So records at or after R changed the page, and the first of them
 * found the page's previous LSN below R. That record was built knowing R (a record built under an
 * older redo point was appended, under the same fence, before R was noted, so it lies below R), so
 * it holds a full image. Redo therefore meets a full image of every page it finds torn before
 * any delta for that page, and each later delta finds exactly the page state (checked by LSN) it
 * was made against. A crash during recovery changes neither the log nor R; a crash during a
 * checkpoint leaves the previous R in force, and the newer published redo point only added images.
 *
 * <p>The old record type {@code btree.page-images} (full images only) is still replayed, so a log
 * written before deltas existed recovers.
 */
package io.shaledb.storage.btree.recovery;
