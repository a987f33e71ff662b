package io.shaledb.txn;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test threads that record their failure and tell the others to stop. */
final class Workers {
    interface Body {
        void run() throws Exception;
    }

    private Workers() {}

    static Thread start(String name, Queue<Throwable> failures, AtomicBoolean stop, Body body) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
                stop.set(true);
            }
        });
    }
}
