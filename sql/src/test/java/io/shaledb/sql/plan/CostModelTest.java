package io.shaledb.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shaledb.sql.exec.Bound;
import io.shaledb.sql.types.SqlType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private final CostModel m = CostModel.DEFAULT;

    @Test
    void seqScanIsPagesPlusRowsPlusQuals() {
        // PostgreSQL: 10 pages, 1000 rows, one qual: 10 * 1.0 + 1000 * (0.01 + 0.0025)
        Cost c = m.seqScan(new TableSize(1000, 10), 40, 1, Selectivity.EQ);
        assertThat(c.startup()).isZero();
        assertThat(c.total()).isCloseTo(22.5, within(1e-9));
        assertThat(c.rows()).isEqualTo(5);
        assertThat(c.width()).isEqualTo(40);
    }

    @Test
    void sortPaysNLogNBeforeTheFirstRow() {
        Cost in = new Cost(0, 10, 1024, 8);
        Cost s = m.sort(in);
        assertThat(s.startup()).isCloseTo(10 + 2 * 0.0025 * 1024 * 10, within(1e-9));
        assertThat(s.total()).isCloseTo(s.startup() + 0.0025 * 1024, within(1e-9));
    }

    @Test
    void limitTakesAFractionOfTheRunCost() {
        Cost in = new Cost(1, 101, 100, 8);
        Cost l = m.limit(in, 10, 10);
        assertThat(l.startup()).isCloseTo(11, within(1e-9));
        assertThat(l.total()).isCloseTo(21, within(1e-9));
        assertThat(l.rows()).isEqualTo(10);
    }

    @Test
    void settingsChangeTheUnits() {
        CostModel doubled = CostModel.fromSettings(name -> name.equals("cpu_tuple_cost") ? "0.02" : null);
        assertThat(doubled.cpuTupleCost()).isEqualTo(0.02);
        assertThat(doubled.seqPageCost()).isEqualTo(1.0);
        assertThat(doubled.seqScan(new TableSize(100, 1), 4, 0, 1).total()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void defaultSelectivitiesAreThoseOfPostgres() {
        Bound col = new Bound.Slot(0, SqlType.INTEGER, 0, 0);
        Bound one = new Bound.Const(1, SqlType.INTEGER);
        Bound eq = new Bound.Compare("=", col, one);
        Bound lt = new Bound.Compare("<", col, one);
        assertThat(Selectivity.DEFAULTS.of(eq)).isEqualTo(0.005);
        assertThat(Selectivity.DEFAULTS.of(lt)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(Selectivity.DEFAULTS.of(new Bound.And(eq, lt))).isCloseTo(0.005 / 3, within(1e-12));
        assertThat(Selectivity.DEFAULTS.of(new Bound.Or(eq, eq))).isCloseTo(0.005 + 0.005 - 0.005 * 0.005, within(1e-12));
        assertThat(Selectivity.DEFAULTS.ofAll(List.of(eq, lt))).isCloseTo(0.005 / 3, within(1e-12));
    }

    @Test
    void pagesAreEstimatedFromRowsAndWidth() {
        assertThat(TableSize.estimated(0, 40).pages()).isZero();
        assertThat(TableSize.estimated(1, 40).pages()).isEqualTo(1);
        assertThat(TableSize.estimated(10_000, 40).pages()).isEqualTo(Math.ceil(10_000 / Math.floor(8168.0 / 68)));
    }
}
