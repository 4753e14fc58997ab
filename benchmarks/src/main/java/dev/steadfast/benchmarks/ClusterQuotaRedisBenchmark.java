package dev.steadfast.benchmarks;

import dev.steadfast.guard.Steadfast;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A fleet-wide quota on one real {@code redis-server}, per admitted call: Steadfast's {@code CLUSTER} {@code FIXED}
 * rate limit on the Redis backend (permits leased in chunks off the call path, a call takes one from what its instance
 * holds) against Bucket4j's Lettuce integration (a compare-and-swap round trip to Redis per call). Both are exact; the
 * quota (10^9 a second) is far above what the machine calls. Bucket4j admits every call (a rejection fails the run);
 * Steadfast rejects the few calls that find the instance's permits spent while a refill is on its way (a single
 * thread calling tens of millions of times a second outruns any lease sized to the recent rate now and then), and
 * prints how many, so the time per admitted call is the score over the admitted share.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClusterQuotaRedisBenchmark {

    private static final int QUOTA = 1_000_000_000;

    @State(Scope.Benchmark)
    public static class Redis {
        RedisServerProcess server;

        @Setup(Level.Trial)
        public void start() throws Exception {
            server = new RedisServerProcess();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            server.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SteadfastState {
        FleetQuotaCaller caller;

        @Setup(Level.Trial)
        public void setUp(Redis redis) throws Exception {
            System.setProperty("steadfast.cluster.backend", "redis"); // steadfast-hazelcast is on the class path too
            System.setProperty("steadfast.redis.uri", redis.server.uri());
            caller = new FleetQuotaCaller(QUOTA, redis.server.uri());
        }

        @TearDown(Level.Trial)
        public void report() {
            caller.report();
        }
    }

    @State(Scope.Benchmark)
    public static class Bucket4jState {
        RedisClient client;
        StatefulRedisConnection<String, byte[]> connection;
        BucketProxy bucket;

        @Setup(Level.Trial)
        public void setUp(Redis redis) {
            client = RedisClient.create(RedisURI.create(redis.server.uri()));
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            bucket = Bucket4jLettuce.casBasedBuilder(connection).build().builder().build("bench:partner",
                    () -> BucketConfiguration.builder()
                            .addLimit(l -> l.capacity(QUOTA).refillIntervally(QUOTA, Duration.ofSeconds(1)))
                            .build());
            if (!bucket.tryConsume(1)) {
                throw new IllegalStateException("Bucket4j: the happy path was rejected");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            connection.close();
            client.shutdown();
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
