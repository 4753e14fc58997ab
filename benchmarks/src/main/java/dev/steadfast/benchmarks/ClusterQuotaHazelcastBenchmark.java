package dev.steadfast.benchmarks;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.steadfast.guard.Steadfast;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A fleet-wide quota on a 3-member Hazelcast cluster (members in the benchmark's JVM, TCP-IP join on 127.0.0.1, free
 * ports, multicast off), per admitted call: Steadfast's {@code CLUSTER} {@code FIXED} rate limit on the Hazelcast
 * backend (permits leased in chunks by an entry processor off the call path; a call takes one from what its instance
 * holds) against Bucket4j's Hazelcast integration (an entry processor on the key's owner per call), both through
 * member 0 and on the same cluster. Both are exact; the quota (10^9 a second) is far above what the machine calls.
 * Bucket4j admits every call (a rejection fails the run); Steadfast rejects the few calls that find the instance's
 * permits spent while a refill is on its way and prints how many, so the time per admitted call is the score over
 * the admitted share (as in {@link ClusterQuotaRedisBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClusterQuotaHazelcastBenchmark {

    private static final int QUOTA = 1_000_000_000;
    private static final int MEMBERS = 3;

    @State(Scope.Benchmark)
    public static class Cluster {
        final String clusterName = "steadfast-bench-" + UUID.randomUUID().toString().substring(0, 8);
        final List<HazelcastInstance> members = new ArrayList<>();

        @Setup(Level.Trial)
        public void start() throws Exception {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                ports.add(freePort());
            }
            List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                Config c = config(i, ports);
                starting.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(c)));
            }
            for (CompletableFuture<HazelcastInstance> f : starting) {
                members.add(f.get(120, TimeUnit.SECONDS));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (HazelcastInstance m : members) {
                while (m.getCluster().getMembers().size() < MEMBERS) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException("no cluster of " + MEMBERS + ": " + m.getCluster().getMembers());
                    }
                    Thread.sleep(50);
                }
            }
        }

        String name(int i) {
            return clusterName + "-m" + i;
        }

        private Config config(int i, List<Integer> ports) {
            Config c = new Config();
            c.setInstanceName(name(i));
            c.setClusterName(clusterName);
            c.setProperty("hazelcast.phone.home.enabled", "false");
            c.setProperty("hazelcast.logging.type", "none");
            c.setProperty("hazelcast.wait.seconds.before.join", "0");
            c.setProperty("hazelcast.shutdownhook.enabled", "false");
            // Bucket4j's own serializers for its entry processors, as its documentation recommends.
            HazelcastProxyManager.addCustomSerializers(c.getSerializationConfig(), 10_000);
            NetworkConfig n = c.getNetworkConfig();
            n.setPort(ports.get(i)).setPortAutoIncrement(false);
            n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            JoinConfig join = n.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true);
            for (int p : ports) {
                join.getTcpIpConfig().addMember("127.0.0.1:" + p);
            }
            return c;
        }

        private static int freePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            for (HazelcastInstance m : members) {
                m.getLifecycleService().terminate();
            }
        }
    }

    @State(Scope.Benchmark)
    public static class SteadfastState {
        FleetQuotaCaller caller;

        @Setup(Level.Trial)
        public void setUp(Cluster cluster) throws Exception {
            System.setProperty("steadfast.cluster.backend", "hazelcast"); // steadfast-redis is on the class path too
            System.setProperty("steadfast.hazelcast.instance-name", cluster.name(0));
            caller = new FleetQuotaCaller(QUOTA, cluster.clusterName);
        }

        @TearDown(Level.Trial)
        public void report() {
            caller.report();
        }
    }

    @State(Scope.Benchmark)
    public static class Bucket4jState {
        BucketProxy bucket;

        @Setup(Level.Trial)
        public void setUp(Cluster cluster) {
            bucket = Bucket4jHazelcast.<String>entryProcessorBasedBuilder(
                            cluster.members.get(0).getMap("bucket4j-bench")).build()
                    .builder().build("partner", () -> BucketConfiguration.builder()
                            .addLimit(l -> l.capacity(QUOTA).refillIntervally(QUOTA, Duration.ofSeconds(1)))
                            .build());
            if (!bucket.tryConsume(1)) {
                throw new IllegalStateException("Bucket4j: the happy path was rejected");
            }
        }
    }

    /** One call through Steadfast's fleet-wide limit ({@link FleetQuotaCaller#call()}). */
    @Benchmark
    public String steadfast(SteadfastState s) throws Exception {
        return s.caller.call();
    }

    @Benchmark
    public String bucket4j(Bucket4jState s) throws Exception {
        if (!s.bucket.tryConsume(1)) {
            throw new IllegalStateException("Bucket4j rejected a call under a quota of " + QUOTA + "/s");
        }
        return Work.CALL.call();
    }
}
