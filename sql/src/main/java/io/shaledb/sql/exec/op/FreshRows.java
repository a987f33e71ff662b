package io.shaledb.sql.exec.op;

/**
 * Marks an operator whose {@link Operator#next} returns a new array for every row, which nothing
 * else holds: an operator above may pass it on as is instead of copying it ({@link Place} does,
 * when the row already has the FROM layout).
 */
public interface FreshRows extends Operator {}
