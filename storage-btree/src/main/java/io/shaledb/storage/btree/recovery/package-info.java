/**
 * Logging, checkpoints and redo.
 *
 * <pre>
 *   log:   ... | ckpt redo LSN ▼ | img(p4,p9) | img(p4) | img(p12,p0,p13) | ... | (torn tail)
 *                               redo starts here (btree.control)
 *
 *   redo, per page image of a record at LSN L:
 *       page on disk intact and its LSN >= L  ──▶ skip (already there)
 *       otherwise (older, torn, missing)      ──▶ write the image, stamped with L
 *
 *   checkpoint (fuzzy):  R = end of log ─▶ write pages dirty now (latch shared per page)
 *                        ─▶ sync data file ─▶ control file := R ─▶ drop WAL segments before R
 * </pre>
 *
 * Why torn pages cannot survive: a page is written back only if it was changed, and every change
 * is logged as a full image. A page written after the checkpoint's redo point has an image after
 * it, which redo reapplies; a page written before the point was synced before the checkpoint
 * completed.
 */
package io.shaledb.storage.btree.recovery;
