package dev.steadfast.engine.cluster;

import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;
import dev.steadfast.spi.cluster.Bucket;
import dev.steadfast.spi.cluster.BreakerExchange;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterBackendProvider;
import dev.steadfast.spi.cluster.ClusterContext;
import dev.steadfast.spi.cluster.ClusterListener;
import dev.steadfast.spi.cluster.ClusterMessage;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.FleetStates;
import dev.steadfast.spi.cluster.Grant;
import dev.steadfast.spi.cluster.Membership;
import dev.steadfast.spi.cluster.QuotaRules;
import dev.steadfast.spi.cluster.QuotaStore;
import dev.steadfast.spi.cluster.TrialOutcome;
import dev.steadfast.spi.cluster.Wire;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A faithful in-memory model of a cluster backend, for the engine's tests: one "server" that every member's
 * {@link Node} talks to. Every operation runs atomically on the server (one lock, as an entry processor or a Lua
 * script runs alone on its key) with the SPI's reference arithmetic ({@link QuotaRules}, {@link FleetStates}); entries
 * expire by their TTL on the model's clock; answers and broadcasts arrive {@link #latency(Duration) later} on the
 * model's timer (so a test with a manual clock decides when); messages cross the wire as {@link Wire} text; and the
 * server, or one member's link to it, can be {@linkplain #mode made unreachable}: failing at once (a refused
 * connection, which the member also hears as {@code connectionLost}) or never answering (a partition).
 */
final class InMemoryCluster {

    /** How the server answers. */
    enum Mode {
        /** Answers after the latency. */
        UP,
        /** Fails every operation at once and tells the members their connection is lost. */
        REFUSING,
        /** Never answers, delivers nothing: a partition. */
        SILENT
    }

    private final Clock clock;
    private final Timer timer;
    private final Map<String, Entry> store = new HashMap<>(); // guarded by this
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.UP;
    private volatile long latencyNanos;
    private long operations; // guarded by this

    InMemoryCluster(Clock clock, Timer timer) {
        this.clock = clock;
        this.timer = timer;
    }

    /** Answers and broadcasts arrive this long after they were sent (0: at once, on the sender's thread). */
    InMemoryCluster latency(Duration value) {
        latencyNanos = value.toNanos();
        return this;
    }

    /** Makes the whole server answer as {@code value} says. */
    void mode(Mode value) {
        Mode was = mode;
        mode = value;
        for (Node n : nodes) {
            n.modeChanged(was, value);
        }
    }

    /** A provider whose {@code open} connects a member to this server. */
    ClusterBackendProvider provider() {
        return new ClusterBackendProvider() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public ClusterBackend open(ClusterContext context) throws Exception {
                if (mode == Mode.REFUSING) {
                    throw new ConnectException("the in-memory cluster refuses connections");
                }
                Node n = new Node(context);
                nodes.add(n);
                return n;
            }
        };
    }

    /** The node of member {@code id}, for switching one member's link off. */
    Node node(String id) {
        for (Node n : nodes) {
            if (n.member.equals(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no member " + id + " in " + nodes);
    }

    /** Permits granted so far in {@code window} of {@code limiter}, as the server counts them. */
    synchronized long granted(String application, String limiter, long window) {
        Entry e = live(key("quota", application, limiter, Long.toString(window)));
        return e == null ? 0 : (Long) e.value;
    }

    /** The stored fleet state of {@code breaker}, or null. */
    synchronized FleetState fleetState(String application, String breaker) {
        Entry e = live(key("fleet", application, breaker));
        return e == null ? null : (FleetState) e.value;
    }

    /** Operations the server ran, for tests that assert traffic. */
    synchronized long operations() {
        return operations;
    }

    private static String key(String... parts) {
        return String.join("|", parts);
    }

    private Entry live(String key) {
        Entry e = store.get(key);
        if (e != null && clock.nanoTime() - e.expires >= 0) {
            store.remove(key);
            return null;
        }
        return e;
    }

    private void put(String key, Object value, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new AssertionError("written without a TTL: " + key);
        }
        store.put(key, new Entry(value, clock.nanoTime() + ttl.toNanos()));
    }

    private record Entry(Object value, long expires) {
    }

    /** One member's connection. */
    final class Node implements ClusterBackend, QuotaStore, BreakerExchange, Membership {

        final String member;
        final String app;
        private final ClusterListener listener;
        private volatile boolean cut;
        private volatile boolean closed;

        Node(ClusterContext context) {
            this.member = context.memberId();
            this.app = context.application();
            this.listener = context.listener();
        }

        /** Cuts this member's link ({@code true}: silent, as a partition) or restores it. */
        void cut(boolean value) {
            cut = value;
        }

        void modeChanged(Mode was, Mode now) {
            if (now == Mode.REFUSING && was != Mode.REFUSING) {
                listener.connectionLost(new ConnectException("the in-memory cluster went down"));
            } else if (was == Mode.REFUSING && now == Mode.UP) {
                listener.connectionRestored();
            }
        }

        /** Runs {@code op} atomically on the server and answers after the latency, unless unreachable. */
        private <T> CompletionStage<T> run(Supplier<T> op) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            Mode m = mode;
            if (closed) {
                answer.completeExceptionally(new IllegalStateException("closed"));
                return answer;
            }
            if (m == Mode.SILENT || cut) {
                return answer; // never completes
            }
            if (m == Mode.REFUSING) {
                answer.completeExceptionally(new ConnectException("the in-memory cluster refuses"));
                return answer;
            }
            T result;
            synchronized (InMemoryCluster.this) {
                operations++;
                result = op.get();
            }
            later(() -> answer.complete(result));
            return answer;
        }

        private void later(Runnable r) {
            if (latencyNanos == 0) {
                r.run();
            } else {
                timer.schedule(latencyNanos, r);
            }
        }

        /** Sends {@code m} to every member, through the wire format, unless unreachable at either end. */
        private void broadcast(ClusterMessage m) {
            String line = Wire.encode(m);
            for (Node n : nodes) {
                later(() -> {
                    if (mode == Mode.UP && !n.cut && !n.closed) {
                        n.listener.deliver(Wire.decode(line));
                    }
                });
            }
        }

        @Override
        public QuotaStore quotas() {
            return this;
        }

        @Override
        public BreakerExchange breakers() {
            return this;
        }

        @Override
        public Membership membership() {
            return this;
        }

        @Override
        public CompletionStage<Void> ping() {
            return run(() -> null);
        }

        @Override
        public void close() {
            closed = true;
            nodes.remove(this);
        }

        // Quotas

        @Override
        public CompletionStage<Grant> lease(String limiter, long window, int wanted, int limit, Duration ttl) {
            return run(() -> {
                String k = key("quota", app, limiter, Long.toString(window));
                Entry e = live(k);
                long granted = e == null ? 0 : (Long) e.value;
                Grant g = QuotaRules.lease(granted, wanted, limit);
                if (g.granted() > 0 || e == null) {
                    put(k, granted + g.granted(), ttl);
                }
                return g;
            });
        }

        @Override
        public CompletionStage<Void> release(String limiter, long window, int permits, Duration ttl) {
            return run(() -> {
                String k = key("quota", app, limiter, Long.toString(window));
                Entry e = live(k);
                if (e != null) {
                    put(k, QuotaRules.release((Long) e.value, permits), ttl);
                }
                return null;
            });
        }

        @Override
        public CompletionStage<Grant> take(String limiter, int wanted, Bucket bucket, long nowMicros) {
            return run(() -> {
                String k = key("bucket", app, limiter);
                Entry e = live(k);
                QuotaRules.Take t = QuotaRules.take(e == null ? 0 : (Long) e.value, nowMicros, wanted, bucket);
                if (t.grant().granted() > 0) {
                    put(k, t.tat(), Duration.ofNanos(t.ttlMicros() * 1000));
                }
                return t.grant();
            });
        }

        // Breakers

        @Override
        public CompletionStage<Void> publish(BreakerSummary summary) {
            return run(() -> {
                broadcast(summary);
                return null;
            });
        }

        @Override
        public CompletionStage<FleetState> propose(FleetState proposal, long expectedGeneration, Duration ttl) {
            return run(() -> {
                String k = key("fleet", app, proposal.breaker());
                Entry e = live(k);
                FleetState stored = e == null ? null : (FleetState) e.value;
                FleetState after = FleetStates.accept(stored, expectedGeneration, proposal);
                if (after != stored) {
                    put(k, after, ttl);
                    broadcast(after);
                }
                return after;
            });
        }

        @Override
        public CompletionStage<Optional<FleetState>> read(String breaker) {
            return run(() -> {
                Entry e = live(key("fleet", app, breaker));
                return Optional.ofNullable(e == null ? null : (FleetState) e.value);
            });
        }

        @Override
        public CompletionStage<Boolean> claimTrial(String breaker, long generation, int max, Duration ttl) {
            return run(() -> {
                String k = key("trials", app, breaker, Long.toString(generation));
                Entry e = live(k);
                FleetStates.Trials after = FleetStates.claim(e == null ? null : (FleetStates.Trials) e.value, max);
                if (after == null) {
                    return false;
                }
                put(k, after, ttl);
                return true;
            });
        }

        @Override
        public CompletionStage<Integer> finishTrial(String breaker, long generation, TrialOutcome outcome,
                Duration ttl) {
            return run(() -> {
                String k = key("trials", app, breaker, Long.toString(generation));
                Entry e = live(k);
                FleetStates.Trials after = FleetStates.finish(e == null ? null : (FleetStates.Trials) e.value,
                        outcome);
                put(k, after, ttl);
                return after.successes();
            });
        }

        // Membership

        @Override
        public CompletionStage<Set<String>> heartbeat(Duration ttl) {
            return run(() -> {
                put(key("member", app, member), member, ttl);
                Set<String> alive = new TreeSet<>();
                for (String k : new ArrayList<>(store.keySet())) {
                    if (k.startsWith(key("member", app, "")) && live(k) != null) {
                        alive.add((String) store.get(k).value);
                    }
                }
                return alive;
            });
        }

        @Override
        public CompletionStage<Void> leave() {
            return run(() -> {
                store.remove(key("member", app, member));
                return null;
            });
        }

        @Override
        public String toString() {
            return "Node[" + member + "]";
        }
    }
}
