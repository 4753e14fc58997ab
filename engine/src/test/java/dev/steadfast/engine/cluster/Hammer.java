package dev.steadfast.engine.cluster;

import dev.steadfast.RateLimitExceededException;
import dev.steadfast.engine.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads calling rate-limited chains as fast as they can, in phases the test starts and stops (a phase is one window
 * of virtual time), counting what was admitted and rejected per phase. Any other outcome of a call is kept as a
 * failure.
 */
final class Hammer implements AutoCloseable {

    /** One calling thread's counts in the current phase. */
    static final class Caller {
        final String member;
        final AtomicLong admitted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong attempts = new AtomicLong();

        Caller(String member) {
            this.member = member;
        }
    }

    private final List<Caller> callers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CyclicBarrier start;
    private final CyclicBarrier stop;
    private volatile boolean running;
    private volatile boolean finished;
    final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** {@code perChain} threads for each of {@code chains}, named after the members. */
    Hammer(List<String> members, List<Strategy<Object>> chains, int perChain) {
        int n = chains.size() * perChain;
        this.start = new CyclicBarrier(n + 1);
        this.stop = new CyclicBarrier(n + 1);
        for (int c = 0; c < chains.size(); c++) {
            Strategy<Object> chain = chains.get(c);
            for (int i = 0; i < perChain; i++) {
                Caller caller = new Caller(members.get(c));
                callers.add(caller);
                Thread t = new Thread(() -> loop(chain, caller), "hammer-" + members.get(c) + "-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }
    }

    private void loop(Strategy<Object> chain, Caller caller) {
        try {
            while (true) {
                start.await();
                if (finished) {
                    return;
                }
                while (running) {
                    caller.attempts.incrementAndGet();
                    try {
                        chain.call(() -> "ok");
                        caller.admitted.incrementAndGet();
                    } catch (RateLimitExceededException e) {
                        caller.rejected.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }
                stop.await();
            }
        } catch (Exception e) {
            if (!finished) {
                failures.add(e);
            }
        }
    }

    /** Starts a phase: every thread calls until {@link #endPhase()}. Counters start from zero. */
    void startPhase() throws Exception {
        for (Caller c : callers) {
            c.admitted.set(0);
            c.rejected.set(0);
            c.attempts.set(0);
        }
        running = true;
        start.await(10, TimeUnit.SECONDS);
    }

    /** Ends the phase; returns once every thread has finished its call. */
    void endPhase() throws Exception {
        running = false;
        stop.await(10, TimeUnit.SECONDS);
    }

    /** Waits (up to a second of real time) until every thread made at least {@code n} more calls. */
    void awaitProgress(int n) throws InterruptedException {
        long[] before = new long[callers.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = callers.get(i).attempts.get();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; i < before.length; i++) {
            while (callers.get(i).attempts.get() - before[i] < n && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    long admitted(String member) {
        return callers.stream().filter(c -> c.member.equals(member)).mapToLong(c -> c.admitted.get()).sum();
    }

    long rejected(String member) {
        return callers.stream().filter(c -> c.member.equals(member)).mapToLong(c -> c.rejected.get()).sum();
    }

    long attempts(String member) {
        return callers.stream().filter(c -> c.member.equals(member)).mapToLong(c -> c.attempts.get()).sum();
    }

    long admitted() {
        return callers.stream().mapToLong(c -> c.admitted.get()).sum();
    }

    @Override
    public void close() throws Exception {
        finished = true;
        running = false;
        start.reset();
        stop.reset();
        for (Thread t : threads) {
            t.interrupt();
            t.join(5_000);
        }
    }
}
