package dev.steadfast.hazelcast;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.topic.ITopic;
import dev.steadfast.spi.cluster.BreakerExchange;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.Bucket;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterContext;
import dev.steadfast.spi.cluster.ClusterListener;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.FleetStates.Trials;
import dev.steadfast.spi.cluster.Grant;
import dev.steadfast.spi.cluster.Membership;
import dev.steadfast.spi.cluster.QuotaStore;
import dev.steadfast.spi.cluster.TrialOutcome;
import dev.steadfast.spi.cluster.Wire;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One application's connection to a Hazelcast cluster: the SPI's stores on Hazelcast structures named
 * {@code steadfast.<application>.<what>}.
 *
 * <ul>
 * <li>{@code .quota} ({@code IMap<String, Long>}, key {@code <limiter>|<window>}): permits granted per {@code FIXED}
 *     window; {@code .bucket} ({@code IMap<String, Long>}, key {@code <limiter>}): a {@code SMOOTH} bucket's
 *     theoretical arrival time. Changed only by {@link Processors} entry processors on the partition owner.</li>
 * <li>{@code .fleet} ({@code IMap<String, FleetState>}): each breaker's fleet state, compare-and-set by an entry
 *     processor; an entry listener on it delivers every stored decision to every member, the proposer included, so a
 *     decision reaches everyone even when its proposer dies right after storing it. {@code .trials}
 *     ({@code IMap<String, Trials>}, key {@code <breaker>|<generation>}): half-open trial slots.</li>
 * <li>{@code .summaries} ({@code ITopic<String>}): window summaries as {@link Wire} lines.</li>
 * <li>{@code .members} ({@code IMap<String, Long>}): each Steadfast member's announcement with a TTL, its value the
 *     epoch millisecond it expires; an entry listener keeps a local copy so that a heartbeat answers without reading
 *     the whole map.</li>
 * </ul>
 *
 * <p>Every operation is asynchronous ({@code submitToKey}, {@code setAsync}, {@code publishAsync}) and fails by
 * completing exceptionally; none blocks its caller. The connection is reported lost when the instance shuts down, a
 * client disconnects, or a member's cluster has fewer members than {@code steadfast.hazelcast.min-cluster-size}; in
 * that last case every operation fails too, so that a member cut off from the others does not keep granting the whole
 * quota to itself.
 */
final class HazelcastBackend implements ClusterBackend, QuotaStore, BreakerExchange, Membership {

    private static final System.Logger LOG = System.getLogger("dev.steadfast.hazelcast");

    private final HazelcastInstance hz;
    private final boolean owned;
    private final String description;
    private final String member;
    private final ClusterListener listener;
    private final int minClusterSize;
    private final IMap<String, Long> quota;
    private final IMap<String, Long> bucket;
    private final IMap<String, FleetState> fleet;
    private final IMap<String, Trials> trials;
    private final IMap<String, Long> members;
    private final ITopic<String> summaries;
    /** The members' announcements as this member last heard them: id to the epoch millisecond they expire. */
    private final Map<String, Long> announced = new ConcurrentHashMap<>();
    private final UUID lifecycleId;
    private final UUID membershipId;
    private final UUID fleetId;
    private final UUID membersId;
    private final UUID summariesId;
    private volatile boolean closed;
    private volatile boolean disconnected;
    private volatile boolean tooSmall;
    /** Whether this backend last told the listener the connection is lost: it tells each change once. */
    private volatile boolean lost;

    HazelcastBackend(HazelcastInstance hz, boolean owned, String description, ClusterContext context,
            int minClusterSize) {
        this.hz = hz;
        this.owned = owned;
        this.description = description;
        this.member = context.memberId();
        this.listener = context.listener();
        this.minClusterSize = minClusterSize;
        String prefix = "steadfast." + context.application() + ".";
        this.quota = hz.getMap(prefix + "quota");
        this.bucket = hz.getMap(prefix + "bucket");
        this.fleet = hz.getMap(prefix + "fleet");
        this.trials = hz.getMap(prefix + "trials");
        this.members = hz.getMap(prefix + "members");
        this.summaries = hz.getTopic(prefix + "summaries");

        this.summariesId = summaries.addMessageListener(m -> onSummary(m.getMessageObject()));
        this.fleetId = fleet.addEntryListener(new FleetEvents(), true);
        this.membersId = members.addEntryListener(new MemberEvents(), true);
        // open() may block: the first look at the members is a plain read of a small map.
        members.forEach(announced::put);
        this.lifecycleId = hz.getLifecycleService().addLifecycleListener(this::onLifecycle);
        this.membershipId = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                checkClusterSize(event.getMembers().size());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                checkClusterSize(event.getMembers().size());
            }
        });
        checkClusterSize(hz.getCluster().getMembers().size());
    }

    /** What the instance is and where it came from, for logs. */
    String description() {
        return description;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Connection

    private void onLifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            case SHUTTING_DOWN, SHUTDOWN, CLIENT_DISCONNECTED -> {
                disconnected = true;
                update("Hazelcast " + event.getState());
            }
            case CLIENT_CONNECTED, MERGED -> {
                disconnected = false;
                update("Hazelcast " + event.getState());
            }
            default -> {
            }
        }
    }

    private void checkClusterSize(int size) {
        tooSmall = size < minClusterSize;
        update("the Hazelcast cluster has " + size + " members, steadfast.hazelcast.min-cluster-size is "
                + minClusterSize);
    }

    /** Tells the listener when the connection changed: once per change, from whichever event thread saw it. */
    private synchronized void update(String why) {
        boolean nowLost = disconnected || tooSmall;
        if (closed || nowLost == lost) {
            return;
        }
        lost = nowLost;
        if (nowLost) {
            LOG.log(Level.DEBUG, () -> "Steadfast's Hazelcast backend lost its cluster: " + why);
            listener.connectionLost(new IllegalStateException(why));
        } else {
            listener.connectionRestored();
        }
    }

    /** Runs {@code op} unless the backend is closed or cut off; turns a throw into a failed stage. */
    private <T> CompletionStage<T> run(Supplier<CompletionStage<T>> op) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Hazelcast backend is closed"));
        }
        if (tooSmall) {
            return CompletableFuture.failedFuture(new IllegalStateException("the Hazelcast cluster is smaller than "
                    + "steadfast.hazelcast.min-cluster-size (" + minClusterSize + ")"));
        }
        try {
            return op.get();
        } catch (RuntimeException e) { // HazelcastInstanceNotActiveException and the like
            return CompletableFuture.failedFuture(e);
        }
    }

    private static long millis(Duration d) {
        return Math.max(1, d.toMillis());
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
        // A read on the partition owner of one key: a round trip that changes nothing.
        return run(() -> members.getAsync(member).thenApply(v -> null));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            summaries.removeMessageListener(summariesId);
            fleet.removeEntryListener(fleetId);
            members.removeEntryListener(membersId);
            hz.getCluster().removeMembershipListener(membershipId);
            hz.getLifecycleService().removeLifecycleListener(lifecycleId);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "Steadfast could not unsubscribe from " + description + ": " + e);
        }
        if (owned) {
            try {
                hz.shutdown();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "Steadfast could not shut down " + description + ": " + e, e);
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Quotas

    private static String windowKey(String limiter, long window) {
        return limiter + "|" + window;
    }

    @Override
    public CompletionStage<Grant> lease(String limiter, long window, int wanted, int limit, Duration ttl) {
        return run(() -> quota.submitToKey(windowKey(limiter, window),
                new Processors.Lease(wanted, limit, millis(ttl))));
    }

    @Override
    public CompletionStage<Void> release(String limiter, long window, int permits, Duration ttl) {
        return run(() -> quota.submitToKey(windowKey(limiter, window), new Processors.Release(permits, millis(ttl)))
                .thenApply(done -> null));
    }

    @Override
    public CompletionStage<Grant> take(String limiter, int wanted, Bucket shape, long nowMicros) {
        return run(() -> bucket.submitToKey(limiter, new Processors.Take(wanted, shape, nowMicros)));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Breakers

    @Override
    public CompletionStage<Void> publish(BreakerSummary summary) {
        return run(() -> summaries.publishAsync(Wire.encode(summary)));
    }

    @Override
    public CompletionStage<FleetState> propose(FleetState proposal, long expectedGeneration, Duration ttl) {
        // The entry listener delivers a stored decision to every member, this one too: nothing to publish here.
        return run(() -> fleet.submitToKey(proposal.breaker(),
                new Processors.Propose(proposal, expectedGeneration, millis(ttl))));
    }

    @Override
    public CompletionStage<Optional<FleetState>> read(String breaker) {
        return run(() -> fleet.getAsync(breaker).thenApply(Optional::ofNullable));
    }

    private static String trialKey(String breaker, long generation) {
        return breaker + "|" + generation;
    }

    @Override
    public CompletionStage<Boolean> claimTrial(String breaker, long generation, int max, Duration ttl) {
        return run(() -> trials.submitToKey(trialKey(breaker, generation), new Processors.Claim(max, millis(ttl))));
    }

    @Override
    public CompletionStage<Integer> finishTrial(String breaker, long generation, TrialOutcome outcome,
            Duration ttl) {
        return run(() -> trials.submitToKey(trialKey(breaker, generation),
                new Processors.Finish(outcome, millis(ttl))));
    }

    private void onSummary(String line) {
        try {
            listener.deliver(Wire.decode(line));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, () -> "Steadfast dropped a message it cannot read on " + description + ": "
                    + e.getMessage());
        }
    }

    /** Stored fleet decisions, delivered to the listener. */
    private final class FleetEvents implements EntryAddedListener<String, FleetState>,
            EntryUpdatedListener<String, FleetState> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, FleetState> event) {
            listener.transition(event.getValue());
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, FleetState> event) {
            listener.transition(event.getValue());
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Membership

    @Override
    public CompletionStage<Set<String>> heartbeat(Duration ttl) {
        long expires = System.currentTimeMillis() + millis(ttl);
        return run(() -> members.setAsync(member, expires, millis(ttl), TimeUnit.MILLISECONDS).thenApply(done -> {
            announced.put(member, expires);
            return alive();
        }));
    }

    /** The members whose announcement has not expired, by this member's clock. */
    private Set<String> alive() {
        long now = System.currentTimeMillis();
        Set<String> alive = new TreeSet<>();
        announced.forEach((id, expires) -> {
            if (expires > now) {
                alive.add(id);
            } else {
                announced.remove(id, expires);
            }
        });
        return alive;
    }

    @Override
    public CompletionStage<Void> leave() {
        announced.remove(member);
        return run(() -> members.removeAsync(member).thenApply(v -> null));
    }

    /** Keeps {@link #announced} current as members announce themselves and leave. */
    private final class MemberEvents implements EntryAddedListener<String, Long>, EntryUpdatedListener<String, Long>,
            com.hazelcast.map.listener.EntryRemovedListener<String, Long>,
            com.hazelcast.map.listener.EntryExpiredListener<String, Long> {
        @Override
        public void entryAdded(com.hazelcast.core.EntryEvent<String, Long> event) {
            announced.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(com.hazelcast.core.EntryEvent<String, Long> event) {
            announced.put(event.getKey(), event.getValue());
        }

        @Override
        public void entryRemoved(com.hazelcast.core.EntryEvent<String, Long> event) {
            announced.remove(event.getKey());
        }

        @Override
        public void entryExpired(com.hazelcast.core.EntryEvent<String, Long> event) {
            announced.remove(event.getKey());
        }
    }
}
