package dev.steadfast.hazelcast;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.hazelcast.Fleet.Member;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One process of {@code scripts/multi-process-quota.sh}: a Hazelcast member on a loopback port, a Steadfast member on
 * it, and {@code threads} threads calling one {@code CLUSTER} {@code FIXED} quota for {@code seconds}. The guarded
 * work of each admitted call is to append {@code A <window>} to the output file (flushed), so a process killed with
 * {@code kill -9} has recorded every call it admitted and did; a process that ends normally appends
 * {@code T <attempted> <admitted> <rejected>}.
 *
 * <p>{@code steadfast.cluster.*} system properties reach the Steadfast member. Arguments: {@code <member id> <cluster name> <own port> <all ports, comma separated> <quota> <threads>
 * <seconds> <output file>}.
 */
public final class FleetNode {

    private FleetNode() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[0];
        String clusterName = args[1];
        int port = Integer.parseInt(args[2]);
        List<Integer> ports = new ArrayList<>();
        for (String p : args[3].split(",")) {
            ports.add(Integer.parseInt(p));
        }
        int quota = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        long seconds = Long.parseLong(args[6]);
        PrintStream out = new PrintStream(new FileOutputStream(args[7], true), true, "UTF-8");

        HazelcastInstance hz = Hazelcast.newHazelcastInstance(Grid.memberConfig(clusterName, clusterName + "-" + id,
                port, ports));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (hz.getCluster().getMembers().size() < ports.size() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }
        long second = TimeUnit.SECONDS.toNanos(1);
        RateLimitPolicy policy = new RateLimitPolicy(quota, second, 0, RateLimitType.FIXED, Scope.CLUSTER);
        try (Fleet fleet = new Fleet(clusterName)) {
            Map<String, String> extra = new java.util.HashMap<>();
            for (String key : System.getProperties().stringPropertyNames()) {
                if (key.startsWith("steadfast.cluster.")) {
                    extra.put(key, System.getProperty(key));
                }
            }
            Member m = fleet.join(id, hz.getName(), extra);
            Strategy<Object> chain = m.chain(GuardPolicy.builder("com.acme.Partner#call()")
                    .rateLimit("partner", policy).build());
            while (m.engine.rateLimiters().get("partner").clusterStatus() != ClusterStatus.CONNECTED) {
                Thread.sleep(10);
            }
            System.out.println(id + " ready");
            LongAdder attempted = new LongAdder();
            LongAdder admitted = new LongAdder();
            LongAdder rejected = new LongAdder();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() - end < 0) {
                        TestClock.mark();
                        attempted.increment();
                        try {
                            chain.call(() -> {
                                long w = m.window(TestClock.first(), second);
                                synchronized (out) {
                                    out.println("A " + w);
                                }
                                return null;
                            });
                            admitted.increment();
                        } catch (RateLimitExceededException e) {
                            rejected.increment();
                            LockSupport.parkNanos(Math.max(100_000L, Math.min(2_000_000L,
                                    e.getRetryAfter().toNanos())));
                        } catch (Exception e) {
                            e.printStackTrace();
                        }
                    }
                }, "caller-" + i);
                callers.add(t);
                t.start();
            }
            for (Thread t : callers) {
                t.join();
            }
            synchronized (out) {
                out.println("T " + attempted.sum() + " " + admitted.sum() + " " + rejected.sum());
            }
        } finally {
            hz.shutdown();
        }
        System.exit(0);
    }
}
