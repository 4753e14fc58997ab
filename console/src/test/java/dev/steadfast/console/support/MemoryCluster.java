package dev.steadfast.console.support;

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
 * An in-memory cluster backend for the console's tests, found through
 * {@code META-INF/services/dev.steadfast.spi.cluster.ClusterBackendProvider} in the test resources as a real backend
 * module would be (the approach of the TCK-like suite's {@code MemoryBackendProvider}): every operation runs atomically
 * on {@link #SERVER} with the SPI's reference arithmetic and answers at once; messages cross as {@link Wire} text. The
 * tests play the fleet's other members through {@link Server#publishAs} and {@link Server#grantTo}: what those members'
 * exchanges would send and lease, without their containers.
 */
public final class MemoryCluster implements ClusterBackendProvider {

    /** The fleet's server, shared by every container of the test JVM. */
    public static final Server SERVER = new Server();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public ClusterBackend open(ClusterContext context) throws Exception {
        if (SERVER.refusing) {
            throw new ConnectException("the memory backend refuses connections");
        }
        Node n = new Node(context);
        SERVER.nodes.add(n);
        return n;
    }

    /** The shared state; one lock, as one Lua script or entry processor runs alone. */
    public static final class Server {

        private final Map<String, Entry> store = new HashMap<>();
        private final List<Node> nodes = new CopyOnWriteArrayList<>();
        private volatile boolean refusing;

        /** Forgets everything, for the next test. */
        public synchronized void reset() {
            store.clear();
            refusing = false;
        }

        /** Broadcasts {@code summary} to every member, as another member's exchange publishes its window. */
        public void publishAs(BreakerSummary summary) {
            String line = Wire.encode(summary);
            for (Node n : nodes) {
                n.listener.deliver(Wire.decode(line));
            }
        }

        /**
         * Grants {@code permits} of {@code limiter}'s window {@code window} (of the default application) to another
         * member, as its exchange leases them.
         */
        public synchronized void grantTo(String limiter, long window, int permits, int limit) {
            String k = "quota|default|" + limiter + "|" + window;
            Entry e = live(k);
            long granted = e == null ? 0 : (Long) e.value;
            put(k, granted + QuotaRules.lease(granted, permits, limit).granted(), Duration.ofHours(2));
        }

        /** Refuses every operation ({@code true}) and tells the members, or answers again. */
        public void refuse(boolean value) {
            refusing = value;
            for (Node n : nodes) {
                if (value) {
                    n.listener.connectionLost(new ConnectException("the memory backend went down"));
                } else {
                    n.listener.connectionRestored();
                }
            }
        }

        /** Permits granted so far in {@code window} of {@code limiter} of the default application. */
        public synchronized long granted(String limiter, long window) {
            Entry e = live("quota|default|" + limiter + "|" + window);
            return e == null ? 0 : (Long) e.value;
        }

        private Entry live(String key) {
            Entry e = store.get(key);
            if (e != null && System.nanoTime() - e.expires >= 0) {
                store.remove(key);
                return null;
            }
            return e;
        }

        private void put(String key, Object value, Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalStateException("written without a TTL: " + key);
            }
            store.put(key, new Entry(value, System.nanoTime() + ttl.toNanos()));
        }
    }

    private record Entry(Object value, long expires) {
    }

    /** One member's connection. */
    private static final class Node implements ClusterBackend, QuotaStore, BreakerExchange, Membership {

        private final String member;
        private final String app;
        private final ClusterListener listener;
        private volatile boolean closed;

        Node(ClusterContext context) {
            this.member = context.memberId();
            this.app = context.application();
            this.listener = context.listener();
        }

        private <T> CompletionStage<T> run(Supplier<T> op) {
            if (SERVER.refusing || closed) {
                return CompletableFuture.failedFuture(new ConnectException("the memory backend refuses"));
            }
            synchronized (SERVER) {
                return CompletableFuture.completedFuture(op.get());
            }
        }

        private String key(String... parts) {
            return String.join("|", parts);
        }

        private void broadcast(ClusterMessage m) {
            String line = Wire.encode(m);
            for (Node n : SERVER.nodes) {
                if (!n.closed) {
                    n.listener.deliver(Wire.decode(line));
                }
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
            SERVER.nodes.remove(this);
        }

        @Override
        public CompletionStage<Grant> lease(String limiter, long window, int wanted, int limit, Duration ttl) {
            return run(() -> {
                String k = key("quota", app, limiter, Long.toString(window));
                Entry e = SERVER.live(k);
                long granted = e == null ? 0 : (Long) e.value;
                Grant g = QuotaRules.lease(granted, wanted, limit);
                SERVER.put(k, granted + g.granted(), ttl);
                return g;
            });
        }

        @Override
        public CompletionStage<Void> release(String limiter, long window, int permits, Duration ttl) {
            return run(() -> {
                String k = key("quota", app, limiter, Long.toString(window));
                Entry e = SERVER.live(k);
                if (e != null) {
                    SERVER.put(k, QuotaRules.release((Long) e.value, permits), ttl);
                }
                return null;
            });
        }

        @Override
        public CompletionStage<Grant> take(String limiter, int wanted, Bucket bucket, long nowMicros) {
            return run(() -> {
                String k = key("bucket", app, limiter);
                Entry e = SERVER.live(k);
                QuotaRules.Take t = QuotaRules.take(e == null ? 0 : (Long) e.value, nowMicros, wanted, bucket);
                if (t.grant().granted() > 0) {
                    SERVER.put(k, t.tat(), Duration.ofNanos(t.ttlMicros() * 1000));
                }
                return t.grant();
            });
        }

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
                Entry e = SERVER.live(k);
                FleetState stored = e == null ? null : (FleetState) e.value;
                FleetState after = FleetStates.accept(stored, expectedGeneration, proposal);
                if (after != stored) {
                    SERVER.put(k, after, ttl);
                    broadcast(after);
                }
                return after;
            });
        }

        @Override
        public CompletionStage<Optional<FleetState>> read(String breaker) {
            return run(() -> {
                Entry e = SERVER.live(key("fleet", app, breaker));
                return Optional.ofNullable(e == null ? null : (FleetState) e.value);
            });
        }

        @Override
        public CompletionStage<Boolean> claimTrial(String breaker, long generation, int max, Duration ttl) {
            return run(() -> {
                String k = key("trials", app, breaker, Long.toString(generation));
                Entry e = SERVER.live(k);
                FleetStates.Trials after = FleetStates.claim(e == null ? null : (FleetStates.Trials) e.value, max);
                if (after == null) {
                    return false;
                }
                SERVER.put(k, after, ttl);
                return true;
            });
        }

        @Override
        public CompletionStage<Integer> finishTrial(String breaker, long generation, TrialOutcome outcome,
                Duration ttl) {
            return run(() -> {
                String k = key("trials", app, breaker, Long.toString(generation));
                Entry e = SERVER.live(k);
                FleetStates.Trials after = FleetStates.finish(e == null ? null : (FleetStates.Trials) e.value,
                        outcome);
                SERVER.put(k, after, ttl);
                return after.successes();
            });
        }

        @Override
        public CompletionStage<Set<String>> heartbeat(Duration ttl) {
            return run(() -> {
                SERVER.put(key("member", app, member), member, ttl);
                Set<String> alive = new TreeSet<>();
                String prefix = key("member", app, "");
                for (String k : List.copyOf(SERVER.store.keySet())) {
                    Entry e = k.startsWith(prefix) ? SERVER.live(k) : null;
                    if (e != null) {
                        alive.add((String) e.value);
                    }
                }
                return alive;
            });
        }

        @Override
        public CompletionStage<Void> leave() {
            return run(() -> {
                SERVER.store.remove(key("member", app, member));
                return null;
            });
        }
    }
}
