package dev.steadfast.tck.retry;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Invocations per method name, kept outside beans whose every method is guarded (so no accessor can be). */
@ApplicationScoped
public class Counters {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public int increment(String method) {
        return counts.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    public int get(String method) {
        AtomicInteger c = counts.get(method);
        return c == null ? 0 : c.get();
    }
}
