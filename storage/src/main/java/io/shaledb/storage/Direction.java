package io.shaledb.storage;

/** The direction of a range scan. */
public enum Direction {
    FORWARD,
    BACKWARD
}
