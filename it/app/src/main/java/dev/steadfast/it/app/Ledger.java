package dev.steadfast.it.app;

import dev.steadfast.RetryAttempted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what happened in the application: method bodies run per key, and Steadfast's retry events per method. */
@ApplicationScoped
public class Ledger {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> retryEvents = new ConcurrentHashMap<>();

    /** Counts one more run under {@code key}; returns the new count. */
    public int touch(String key) {
        return counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String key) {
        AtomicInteger c = counts.get(key);
        return c == null ? 0 : c.get();
    }

    /** Retry events seen so far for methods whose description contains {@code methodPart}. */
    public int retryEvents(String methodPart) {
        return retryEvents.entrySet().stream().filter(e -> e.getKey().contains(methodPart))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    void onRetry(@Observes RetryAttempted event) {
        retryEvents.computeIfAbsent(event.method(), k -> new AtomicInteger()).incrementAndGet();
    }
}
