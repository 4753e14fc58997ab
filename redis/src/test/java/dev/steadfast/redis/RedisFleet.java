package dev.steadfast.redis;

import dev.steadfast.CircuitState;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.cluster.ClusterSettings;
import dev.steadfast.engine.cluster.ClusterSetup;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.ThreadTimer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Members of one fleet in one JVM, on a real Redis: each its own engine (real clock, its own timer, exchange thread
 * and executor) with its own Redis client and connections, found as an application finds the backend: through
 * {@code META-INF/services}, configured by {@code steadfast.redis.uri}. Each fleet has an application name of its own,
 * so tests sharing a server never see each other's keys.
 */
final class RedisFleet implements AutoCloseable {

    final RedisServer server;
    final String application = "test-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
    final List<Member> members = new CopyOnWriteArrayList<>();
    private final Duration interval;

    RedisFleet(RedisServer server, Duration interval) {
        this.server = server;
        this.interval = interval;
    }

    /** The prefix of every key of this fleet. */
    String prefix() {
        return Keys.defaultPrefix(application);
    }

    Member join(String id) {
        Member m = new Member(id);
        members.add(m);
        return m;
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.close();
        }
    }

    /** One application instance. */
    final class Member implements AutoCloseable {

        final String id;
        final Engine engine;
        /** {@code name from->to by origin at epoch-millis}, in the order the breakers reported them. */
        final List<String> transitions = new CopyOnWriteArrayList<>();
        final Map<String, Instant> lastTransitionAt = new ConcurrentHashMap<>();
        private final Map<String, Strategy<Object>> chains = new ConcurrentHashMap<>();
        private final ThreadTimer timer;
        private final ExecutorService executor;
        private boolean closed;

        Member(String id) {
            this.id = id;
            this.executor = Executors.newCachedThreadPool();
            this.timer = new ThreadTimer("steadfast-timer-" + id, executor);
            EngineListener recording = new EngineListener() {
                @Override
                public void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
                    transitions.add(name + " " + from + "->" + to + " by " + origin);
                    lastTransitionAt.put(name + " " + to, Instant.now());
                }
            };
            this.engine = new Engine(SystemClock.INSTANCE, timer, () -> executor, recording, ThreadContext.NONE,
                    () -> {
                        timer.shutdown();
                        executor.shutdown();
                    });
            ClusterSettings settings = new ClusterSettings(true, null, application, id, interval,
                    Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(1), 1);
            engine.configureCluster(ClusterSetup.builder(settings)
                    .config(key -> key.equals(RedisSettings.URI) ? Optional.of(server.uri()) : Optional.empty())
                    .classLoader(RedisFleet.class.getClassLoader()).build());
        }

        /** Builds (once per name) the chain of {@code policy}. */
        Strategy<Object> chain(GuardPolicy policy) {
            return chains.computeIfAbsent(policy.name(), n -> engine.build(policy));
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                engine.close();
            }
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
