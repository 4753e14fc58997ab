package dev.steadfast.hazelcast;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitState;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.cluster.ClusterSettings;
import dev.steadfast.engine.cluster.ClusterSetup;
import dev.steadfast.engine.cluster.RuntimeProbe;
import dev.steadfast.engine.time.ThreadTimer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Steadfast members of one fleet in this JVM, each an engine of its own (its own registries, exchange thread, timer)
 * on the real clock, finding the Hazelcast backend through {@code META-INF/services} like an application does, and
 * its Hazelcast instance by name. Each fleet has an application name of its own, so tests sharing a grid do not meet.
 */
final class Fleet implements AutoCloseable {

    final String application;
    final List<Member> members = new ArrayList<>();

    /** A fleet with an application name of its own. */
    Fleet() {
        this("app-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A fleet of application {@code application}: processes of one fleet name it alike. */
    Fleet(String application) {
        this.application = application;
    }

    /** A member {@code id} on the Hazelcast instance named {@code instance}, with extra config keys. */
    Member join(String id, String instance, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("steadfast.cluster.member-id", id);
        config.put("steadfast.cluster.application", application);
        config.put("steadfast.hazelcast.instance-name", instance);
        config.put("steadfast.hazelcast.jndi-name", "none");
        Member m = new Member(id, config);
        members.add(m);
        return m;
    }

    Member join(String id, String instance) {
        return join(id, instance, Map.of());
    }

    @Override
    public void close() {
        for (Member m : members) {
            m.close();
        }
    }

    /** A transition a member's breaker made, when (monotonic nanos) and who decided it. */
    record Transition(String breaker, CircuitState from, CircuitState to, String origin, long atNanos) {
    }

    /** One Steadfast member. */
    static final class Member implements AutoCloseable {

        final String id;
        final Engine engine;
        final List<Transition> transitions = new CopyOnWriteArrayList<>();
        private final Map<String, Strategy<Object>> chains = new ConcurrentHashMap<>();
        private final ThreadTimer timer;
        private final ExecutorService executor;
        private boolean closed;

        Member(String id, Map<String, String> config) {
            this.id = id;
            this.executor = Executors.newCachedThreadPool();
            this.timer = new ThreadTimer("steadfast-timer-" + id, executor);
            EngineListener recording = new EngineListener() {
                @Override
                public void stateChanged(String name, CircuitState from, CircuitState to, Instant at, String origin) {
                    transitions.add(new Transition(name, from, to, origin, System.nanoTime()));
                }
            };
            this.engine = new Engine(TestClock.INSTANCE, timer, () -> executor, recording, ThreadContext.NONE, () -> {
                timer.shutdown();
                executor.shutdownNow();
            });
            Function<String, Optional<String>> lookup = key -> Optional.ofNullable(config.get(key));
            engine.configureCluster(ClusterSetup.builder(ClusterSettings.from(lookup)).config(lookup).build());
        }

        /** Builds (once per name) the chain of {@code policy}. */
        Strategy<Object> chain(GuardPolicy policy) {
            return chains.computeIfAbsent(policy.name(), n -> engine.build(policy));
        }

        CircuitBreakerHandle breaker(String name) {
            return engine.breakers().get(name);
        }

        /** The number of the {@code windowNanos}-long fleet window that monotonic reading {@code nanos} falls in. */
        long window(long nanos, long windowNanos) {
            return Math.floorDiv(nanos + RuntimeProbe.offsetNanos(engine.cluster()), windowNanos);
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
