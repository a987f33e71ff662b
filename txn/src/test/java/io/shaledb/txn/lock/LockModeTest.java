package io.shaledb.txn.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockModeTest {

    /**
     * PostgreSQL 15 documentation, 13.3.2 "Row-Level Locks", Table 13.3 "Conflicting Row-Level
     * Locks": rows are the requested mode, columns the current mode, X a conflict.
     */
    private static final List<String> DOCUMENTED_TABLE = List.of(
            "                   KEY SHARE | SHARE | NO KEY UPDATE | UPDATE",
            "FOR KEY SHARE     |          |       |               |   X",
            "FOR SHARE         |          |       |       X       |   X",
            "FOR NO KEY UPDATE |          |   X   |       X       |   X",
            "FOR UPDATE        |     X    |   X   |       X       |   X");

    private static final List<LockMode> DOCUMENTED_ORDER =
            List.of(LockMode.KEY_SHARE, LockMode.SHARE, LockMode.NO_KEY_UPDATE, LockMode.UPDATE);

    @Test
    void conflictMatrixIsPostgresqlsDocumentedTable() {
        for (int row = 0; row < 4; row++) {
            String[] cells = DOCUMENTED_TABLE.get(row + 1).split("\\|");
            for (int col = 0; col < 4; col++) {
                LockMode requested = DOCUMENTED_ORDER.get(row);
                LockMode current = DOCUMENTED_ORDER.get(col);
                boolean documented = cells[col + 1].contains("X");
                assertThat(requested.conflictsWith(current))
                        .as("%s requested while %s is held", requested, current)
                        .isEqualTo(documented);
            }
        }
    }

    @Test
    void conflictsAreSymmetric() {
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                assertThat(a.conflictsWith(b)).as("%s vs %s", a, b).isEqualTo(b.conflictsWith(a));
            }
        }
    }

    @Test
    void aModeCoversExactlyTheModesWhoseConflictsItIncludes() {
        for (LockMode a : LockMode.values()) {
            for (LockMode b : LockMode.values()) {
                boolean includes = conflicts(a).containsAll(conflicts(b));
                assertThat(a.covers(b)).as("%s covers %s", a, b).isEqualTo(includes);
                assertThat(LockMode.strongest(a, b)).isEqualTo(includes ? a : b);
            }
        }
    }

    @Test
    void namesAreThoseOfPostgresql() {
        assertThat(DOCUMENTED_ORDER.stream().map(LockMode::pgName))
                .containsExactly("ForKeyShare", "ForShare", "ForNoKeyUpdate", "ForUpdate");
        // pg_locks.mode of the tuple lock, as observed on PostgreSQL 15 for each FOR ... clause
        assertThat(DOCUMENTED_ORDER.stream().map(LockMode::tupleLockModeName))
                .containsExactly("AccessShareLock", "RowShareLock", "ExclusiveLock", "AccessExclusiveLock");
    }

    private static Set<LockMode> conflicts(LockMode mode) {
        Set<LockMode> out = EnumSet.noneOf(LockMode.class);
        for (LockMode m : LockMode.values()) {
            if (mode.conflictsWith(m)) {
                out.add(m);
            }
        }
        return out;
    }
}
