package io.shaledb.sql.plpgsql;

import io.shaledb.sql.catalog.Table;
import io.shaledb.sql.catalog.Trigger;

/**
 * One firing of a trigger: the trigger, its table, the operation ({@code INSERT}, {@code UPDATE},
 * {@code DELETE}) and, for row triggers, the old and new row (table columns only; null where the
 * operation has none).
 */
record TriggerEvent(Trigger trigger, Table table, String op, Object[] oldRow, Object[] newRow) {}
