package dev.steadfast.tck.async;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Remembers which {@link RequestInfo} instances were destroyed, that is, which request contexts ended. */
@ApplicationScoped
public class Tracker {

    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

    void destroyed(String requestId) {
        destroyed.add(requestId);
    }

    /** Whether the request with this id ended, waiting up to 5 s for it. */
    public boolean awaitDestroyed(String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!destroyed.contains(requestId)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
