package io.shaledb.txn.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** A lock request running on its own thread, so a test can watch it wait. */
final class Attempt {
    private static final long PATIENCE_SECONDS = 10;

    final Thread thread;
    final CompletableFuture<Boolean> result = new CompletableFuture<>();
    /** Whether the thread's interrupt flag was set when the request returned or failed. */
    volatile boolean interruptedAtEnd;

    private Attempt(String name, Callable<Boolean> request) {
        thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            try {
                Boolean granted = request.call();
                interruptedAtEnd = Thread.currentThread().isInterrupted();
                result.complete(granted);
            } catch (Throwable e) {
                interruptedAtEnd = Thread.currentThread().isInterrupted();
                result.completeExceptionally(e);
            }
        });
    }

    static Attempt start(String name, Callable<Boolean> request) {
        Attempt a = new Attempt(name, request);
        a.thread.start();
        return a;
    }

    /**
     * Waits until the request is parked inside {@code manager}'s wait loop: it is queued and its
     * first deadlock check is done. Fails if it completes instead.
     */
    Attempt awaitWaiting(LockManager manager) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (LockSupport.getBlocker(thread) != manager) {
            if (result.isDone()) {
                fail("%s completed instead of waiting: %s", thread.getName(), describeResult());
            }
            if (System.nanoTime() > deadline) {
                fail("%s did not start waiting", thread.getName());
            }
            Thread.onSpinWait();
        }
        return this;
    }

    boolean granted() {
        try {
            return result.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " is still waiting", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    LockException failure() {
        try {
            Boolean granted = result.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError(thread.getName() + " returned " + granted + " instead of failing");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(LockException.class);
            return (LockException) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " is still waiting", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String describeResult() {
        return result.handle((v, e) -> e == null ? "returned " + v : "threw " + e).join();
    }
}
