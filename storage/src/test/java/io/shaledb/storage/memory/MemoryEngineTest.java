package io.shaledb.storage.memory;

import io.shaledb.storage.StorageEngine;
import io.shaledb.storage.conformance.StorageEngineConformanceTest;

/** Runs the engine conformance suite on the in-memory engine. */
class MemoryEngineTest extends StorageEngineConformanceTest {
    @Override
    protected StorageEngine openEngine() {
        return new MemoryEngine();
    }
}
