package dev.steadfast.hazelcast;

import dev.steadfast.RateLimitExceededException;
import dev.steadfast.engine.Strategy;
import dev.steadfast.hazelcast.Fleet.Member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Threads calling rate-limited chains in real time, more often than the quota allows, each call counted as admitted or
 * rejected in the fleet window its rate limiter decided it in (the first clock reading of the call, see
 * {@link TestClock}). A rejected caller waits for the {@code retryAfter} it was told, at most 2 ms, so the demand
 * stays far above the quota without starving the grid's threads of CPU. Any other outcome is kept as a failure.
 */
final class Hammer implements AutoCloseable {

    /** Counts of one member in one window. */
    static final class Counts {
        final LongAdder admitted = new LongAdder();
        final LongAdder rejected = new LongAdder();
    }

    private final long windowNanos;
    private final Map<String, Map<Long, Counts>> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stopped = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    /** Starts {@code perMember} threads on each member's {@code chains} entry. */
    Hammer(List<Member> members, List<Strategy<Object>> chains, int perMember, long windowNanos) {
        this.windowNanos = windowNanos;
        for (int c = 0; c < members.size(); c++) {
            Member m = members.get(c);
            Strategy<Object> chain = chains.get(c);
            counts.put(m.id, new ConcurrentHashMap<>());
            attempts.put(m.id, new LongAdder());
            stopped.put(m.id, false);
            for (int i = 0; i < perMember; i++) {
                Thread t = new Thread(() -> loop(m, chain), "hammer-" + m.id + "-" + i);
                t.setDaemon(true);
                threads.add(t);
            }
        }
        threads.forEach(Thread::start);
    }

    private Counts at(Member m, long nanos) {
        return counts.get(m.id).computeIfAbsent(m.window(nanos, windowNanos), w -> new Counts());
    }

    private void loop(Member m, Strategy<Object> chain) {
        LongAdder attempted = attempts.get(m.id);
        while (running && !stopped.get(m.id)) {
            TestClock.mark();
            attempted.increment();
            long[] decided = new long[1];
            try {
                chain.call(() -> {
                    decided[0] = TestClock.first();
                    return "ok";
                });
                Counts c = at(m, decided[0]);
                c.admitted.increment();
            } catch (RateLimitExceededException e) {
                Counts c = at(m, TestClock.first());
                c.rejected.increment();
                LockSupport.parkNanos(Math.max(100_000L, Math.min(2_000_000L, e.getRetryAfter().toNanos())));
            } catch (Throwable e) {
                failures.add(e);
            }
        }
    }

    /** Member {@code id}'s threads stop calling (its process died) once their current call returns. */
    void stop(String id) {
        stopped.put(id, true);
    }

    /** Admissions of the whole fleet per window, in window order. */
    Map<Long, Long> admittedPerWindow() {
        Map<Long, Long> all = new TreeMap<>();
        counts.values().forEach(byWindow -> byWindow.forEach((w, c) -> all.merge(w, c.admitted.sum(), Long::sum)));
        return all;
    }

    /** Member {@code id}'s counts in window {@code w} (zeros when it made no call in it). */
    Counts counts(String id, long w) {
        return counts.get(id).getOrDefault(w, new Counts());
    }

    /** Totals of member {@code id}: calls started, admitted, rejected (read after {@link #close()}). */
    long[] totals(String id) {
        long[] t = new long[3];
        t[0] = attempts.get(id).sum();
        for (Counts c : counts.get(id).values()) {
            t[1] += c.admitted.sum();
            t[2] += c.rejected.sum();
        }
        return t;
    }

    @Override
    public void close() {
        running = false;
        try {
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
