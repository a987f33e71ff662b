package io.shaledb.txn.lock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Finds a cycle through one waiting request in the wait-for graph.
 *
 * <p>The graph is never materialised. A waiting owner's out-edges are a function of one entry's
 * state (the holders and the queue of the target it waits on), so a depth-first search from the
 * requester locks the entry of each owner on its current path and reads that owner's blockers. The
 * monitors of the whole path stay held until the search backs out of it, so when the search reaches
 * the requester again every edge of the cycle holds at that same instant: a reported deadlock is
 * real, never an artefact of reading edges at different times. The victim (the requester) is
 * withdrawn from its queue while those monitors are still held, so two searches can never both
 * report the same cycle. Searches are serialised by one mutex, which is also what makes taking
 * several entry monitors at once safe: every other code path holds at most one entry monitor and
 * never waits for anything while holding it.
 *
 * <p>A search may miss a cycle that forms while it runs (it reads each owner's current wait without
 * freezing the owners it has left behind); the periodic re-check of every waiter finds it later.
 */
final class DeadlockDetector {
    /** One edge of a cycle: {@code waiter} waits for {@code mode} on {@code target} and {@code blocker} is in its way. */
    record Edge(LockOwner waiter, LockMode mode, LockTarget target, LockOwner blocker) {}

    private final Object searchMutex = new Object();
    private final Function<LockOwner, Waiter> currentWait;

    /** @param currentWait the request an owner is waiting on right now, or null */
    DeadlockDetector(Function<LockOwner, Waiter> currentWait) {
        this.currentWait = currentWait;
    }

    /**
     * Searches for a cycle through {@code requester}. If there is one, calls {@code victim} with the
     * requester while every entry on the cycle is still locked (it must withdraw the request) and
     * returns the cycle's edges starting with the requester's; otherwise returns null.
     */
    List<Edge> findCycle(Waiter requester, Consumer<Waiter> victim) {
        synchronized (searchMutex) {
            Deque<Edge> path = new ArrayDeque<>();
            Set<LockOwner> visited = new HashSet<>();
            visited.add(requester.owner);
            return search(requester, requester, visited, path, victim) ? new ArrayList<>(path) : null;
        }
    }

    private boolean search(Waiter node, Waiter root, Set<LockOwner> visited, Deque<Edge> path, Consumer<Waiter> victim) {
        LockEntry entry = node.entry;
        synchronized (entry) {
            if (!entry.isWaiting(node)) {
                return false;
            }
            for (LockOwner blocker : entry.blockersOf(node)) {
                path.addLast(new Edge(node.owner, node.mode, entry.target, blocker));
                if (blocker.equals(root.owner)) {
                    victim.accept(root);
                    return true;
                }
                if (visited.add(blocker)) {
                    Waiter next = currentWait.apply(blocker);
                    if (next != null && search(next, root, visited, path, victim)) {
                        return true;
                    }
                }
                path.removeLast();
            }
            return false;
        }
    }
}
