package dev.steadfast.tck.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Invocations per name, kept outside the guarded beans. */
@ApplicationScoped
public class Counters {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    public int increment(String name) {
        return counts.computeIfAbsent(name, m -> new AtomicInteger()).incrementAndGet();
    }

    public int get(String name) {
        AtomicInteger c = counts.get(name);
        return c == null ? 0 : c.get();
    }
}
