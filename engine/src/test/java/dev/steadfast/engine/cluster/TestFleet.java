package dev.steadfast.engine.cluster;

import dev.steadfast.CircuitState;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Members of one fleet in one JVM for the engine's tests: each its own engine (its own registries, exchange and
 * worker) on one shared virtual clock and timer (so no clock skew), all talking to one {@link InMemoryCluster}. The
 * test drives time and the workers: {@link #advance} moves the clock in small steps and runs what became due.
 */
final class TestFleet implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(250);
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    static final String APP = "default";

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ManualTimer timer = new ManualTimer(clock);
    final InMemoryCluster cluster = new InMemoryCluster(clock, timer);
    final List<Member> members = new CopyOnWriteArrayList<>();

    /** A new member {@code id} of the fleet. */
    Member join(String id) {
        Member m = new Member(id);
        members.add(m);
        return m;
    }

    /** Runs every worker until none has anything left to do. */
    void settle() {
        for (int round = 0; round < 10_000; round++) {
            int ran = 0;
            for (Member m : members) {
                ran += m.worker.runPending();
            }
            if (ran == 0) {
                return;
            }
        }
        throw new AssertionError("the workers never settled");
    }

    /** Moves time forward by {@code d} in steps of at most 5 ms, letting every worker run after each step. */
    void advance(Duration d) {
        long left = d.toNanos();
        settle();
        while (left > 0) {
            long step = Math.min(left, 5_000_000L);
            clock.advanceNanos(step);
            settle();
            left -= step;
        }
    }

    /** Virtual time until the start of the next {@code window}-long window of the wall clock. */
    Duration untilNextWindow(Duration window) {
        Instant now = clock.instant();
        long epochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long w = window.toNanos();
        return Duration.ofNanos(Math.floorMod(-epochNanos, w) == 0 ? w : Math.floorMod(-epochNanos, w));
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.close();
        }
    }

    /** One member: an engine with a manual worker, recording its breakers' transitions. */
    final class Member implements AutoCloseable {

        final String id;
        final ManualWorker worker = new ManualWorker();
        final Engine engine;
        final List<String> transitions = new CopyOnWriteArrayList<>();
        final Map<String, Strategy<Object>> chains = new ConcurrentHashMap<>();
        private boolean closed;

        Member(String id) {
            this.id = id;
            EngineListener recording = new EngineListener() {
                @Override
                public void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
                    transitions.add(name + " " + from + "->" + to + " by " + origin);
                }
            };
            this.engine = new Engine(clock, timer, () -> Runnable::run, recording, ThreadContext.NONE, () -> { });
            ClusterSettings settings = ClusterSettings.defaults().with(id, INTERVAL, REQUEST_TIMEOUT, Duration.ZERO);
            engine.configureCluster(ClusterSetup.builder(settings).providers(List.of(cluster.provider()))
                    .worker(() -> worker).handOff(Runnable::run).build());
        }

        /** Builds (once per name) the chain of {@code policy}. */
        Strategy<Object> chain(GuardPolicy policy) {
            return chains.computeIfAbsent(policy.name(), n -> engine.build(policy));
        }

        /** The calls this member's chain named {@code method} admitted, by its limiter's counters. */
        ClusterRuntime cluster() {
            return engine.cluster();
        }

        /** Stops the member as an application stops: returns its leases, leaves, closes. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                engine.close();
            }
        }

        /** The member dies (kill -9): its link goes silent and nothing of it runs again. */
        void kill() {
            closed = true;
            cluster.node(id).cut(true);
            members.remove(this);
        }

        @Override
        public String toString() {
            return id;
        }
    }

    static List<String> ids(List<Member> ms) {
        List<String> ids = new ArrayList<>();
        for (Member m : ms) {
            ids.add(m.id);
        }
        return ids;
    }
}
