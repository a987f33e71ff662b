/**
 * Work a statement used to redo every time, done once and kept while what it was derived from is
 * unchanged: the fixed per-statement cost ("the floor") that a {@code SELECT 1} or a primary-key
 * lookup pays before and after touching any row.
 *
 * <pre>
 *   statement n:   SessionSettings (text) --parse--> StatementSettings  (kept, version v)
 *   statement n+1: version still v?  yes --> the same StatementSettings, nothing parsed
 *                                     no  --> parse again (a SET, RESET or rollback moved it)
 *
 *   planner walk:  record class --once--> RecordAccessors (accessor Methods, kept per class)
 * </pre>
 *
 * <p>Every cache here is keyed by something that changes whenever its source does (a version
 * counter, the class itself), so a kept value is always the one a fresh computation would give;
 * the tests prove it with a change between two statements. ({@code StatementSettings} itself sits
 * in {@code sql.exec}, beside the {@code SessionSettings} that keeps it, so that the two packages do
 * not import each other.)
 */
package io.shaledb.sql.exec.reuse;
