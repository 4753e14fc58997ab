package dev.steadfast.redis;

import dev.steadfast.RateLimitExceededException;
import dev.steadfast.engine.Strategy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Threads calling rate-limited chains as fast as they are admitted (a rejected thread pauses 1 ms), recording every
 * call: attempts, admissions with the wall-clock instants just before and after the call, rejections, anything else
 * as a failure, and the slowest call.
 */
final class Hammer implements AutoCloseable {

    /** One admitted call: wall-clock epoch nanoseconds before and after it. */
    record Admission(String member, long before, long after) {
    }

    final ConcurrentLinkedQueue<Admission> admissions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    final LongAccumulator slowestNanos = new LongAccumulator(Math::max, 0);
    private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> admitted = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** Starts {@code threadsEach} threads on each of {@code chains}, named by {@code members}. */
    Hammer(List<String> members, List<Strategy<Object>> chains, int threadsEach) {
        for (int i = 0; i < members.size(); i++) {
            String member = members.get(i);
            Strategy<Object> chain = chains.get(i);
            attempts.put(member, new AtomicLong());
            admitted.put(member, new AtomicLong());
            rejected.put(member, new AtomicLong());
            for (int t = 0; t < threadsEach; t++) {
                Thread thread = new Thread(() -> run(member, chain), "hammer-" + member + "-" + t);
                thread.setDaemon(true);
                threads.add(thread);
            }
        }
        threads.forEach(Thread::start);
    }

    static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void run(String member, Strategy<Object> chain) {
        while (running) {
            attempts.get(member).incrementAndGet();
            long before = wallNanos();
            long started = System.nanoTime();
            try {
                chain.call(() -> "ok");
                long after = wallNanos();
                admitted.get(member).incrementAndGet();
                admissions.add(new Admission(member, before, after));
            } catch (RateLimitExceededException e) {
                rejected.get(member).incrementAndGet();
                pause();
            } catch (Throwable e) {
                failures.add(e);
                pause();
            }
            slowestNanos.accumulate(System.nanoTime() - started);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long attempts(String member) {
        return attempts.get(member).get();
    }

    long admitted(String member) {
        return admitted.get(member).get();
    }

    long rejected(String member) {
        return rejected.get(member).get();
    }

    /** Admissions by the wall-clock window (of {@code windowNanos}) their call started in. */
    Map<Long, Long> perWindow(long windowNanos) {
        Map<Long, Long> counts = new TreeMap<>();
        for (Admission a : admissions) {
            counts.merge(Math.floorDiv(a.before(), windowNanos), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * Admissions of window {@code w} less those within {@code marginNanos} of either of its ends: a member's clock
     * may place those in the neighbouring window by the few microseconds its wall-clock offset lags.
     */
    long core(long w, long windowNanos, long marginNanos) {
        long start = w * windowNanos;
        long end = start + windowNanos;
        long n = 0;
        for (Admission a : admissions) {
            if (a.before() >= start + marginNanos && a.after() < end - marginNanos) {
                n++;
            }
        }
        return n;
    }

    /** Stops the threads and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
