package dev.steadfast.redis;

import dev.steadfast.CircuitState;
import dev.steadfast.spi.cluster.Bucket;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterContext;
import dev.steadfast.spi.cluster.ClusterListener;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.FleetStates;
import dev.steadfast.spi.cluster.Grant;
import dev.steadfast.spi.cluster.QuotaRules;
import dev.steadfast.spi.cluster.TrialOutcome;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend on its own against a real {@code redis-server}: every operation gives what the SPI's reference
 * arithmetic gives, messages reach every member, scripts survive a {@code SCRIPT FLUSH}, a repeated release changes
 * nothing, and the connection comes from the application's {@code RedisClient} bean when there is one.
 */
class RedisBackendTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws Exception {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        server.close();
    }

    /** A context as Steadfast gives it, recording what the backend delivers. */
    static final class Context implements ClusterContext, ClusterListener {

        final String application;
        final String member;
        final Map<String, String> config;
        final Object bean;
        final List<Object> heard = new CopyOnWriteArrayList<>();

        Context(String member, Map<String, String> config, Object bean) {
            this("unit-" + ThreadLocalRandom.current().nextInt(1 << 20), member, config, bean);
        }

        Context(String application, String member, Map<String, String> config, Object bean) {
            this.application = application;
            this.member = member;
            this.config = config;
            this.bean = bean;
        }

        @Override
        public String application() {
            return application;
        }

        @Override
        public String memberId() {
            return member;
        }

        @Override
        public Optional<String> config(String key) {
            return Optional.ofNullable(config.get(key));
        }

        @Override
        public <T> Optional<T> bean(Class<T> type) {
            return type.isInstance(bean) ? Optional.of(type.cast(bean)) : Optional.empty();
        }

        @Override
        public ClusterListener listener() {
            return this;
        }

        @Override
        public ClassLoader classLoader() {
            return getClass().getClassLoader();
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofMillis(500);
        }

        @Override
        public Duration interval() {
            return Duration.ofMillis(250);
        }

        @Override
        public void summary(BreakerSummary summary) {
            heard.add(summary);
        }

        @Override
        public void transition(FleetState state) {
            heard.add(state);
        }

        @Override
        public void connectionLost(Throwable cause) {
            heard.add("lost");
        }

        @Override
        public void connectionRestored() {
            heard.add("restored");
        }
    }

    private static Context context(String member) {
        return new Context(member, Map.of("uri", server.uri()), null);
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void leasesAndReleasesGiveWhatTheReferenceArithmeticGives() throws Exception {
        Context ctx = context("a");
        try (ClusterBackend b = new RedisBackendProvider().open(ctx)) {
            long granted = 0;
            for (int wanted : new int[] {30, 30, 30, 30, 5}) {
                Grant expected = QuotaRules.lease(granted, wanted, 100);
                assertEquals(expected, get(b.quotas().lease("l", 7, wanted, 100, TTL)));
                granted += expected.granted();
            }
            get(b.quotas().release("l", 7, 25, TTL));
            granted = QuotaRules.release(granted, 25);
            assertEquals(Long.toString(granted), server.redis().get(Keys.defaultPrefix(ctx.application) + "quota:l:7"));
            assertEquals(QuotaRules.lease(granted, 50, 100), get(b.quotas().lease("l", 7, 50, 100, TTL)));
            get(b.quotas().release("l", 8, 10, TTL)); // a window nobody leased: nothing to give back to
            assertEquals(0, server.redis().exists(Keys.defaultPrefix(ctx.application) + "quota:l:8"));
        }
    }

    @Test
    void bucketTakesGiveWhatTheReferenceArithmeticGivesToTheMicrosecond() throws Exception {
        Context ctx = context("a");
        Bucket bucket = new Bucket(50, 20_000, 100_000);
        long now = System.currentTimeMillis() * 1000;
        long tat = 0;
        try (ClusterBackend b = new RedisBackendProvider().open(ctx)) {
            long[] at = {now, now + 1, now + 30_000, now + 450_001, now + 2_000_000};
            int[] wanted = {20, 40, 3, 7, 60};
            for (int i = 0; i < at.length; i++) {
                QuotaRules.Take expected = QuotaRules.take(tat, at[i], wanted[i], bucket);
                assertEquals(expected.grant(), get(b.quotas().take("s", wanted[i], bucket, at[i])), "take " + i);
                tat = expected.tat();
                assertEquals(Long.toString(tat), server.redis().get(Keys.defaultPrefix(ctx.application)
                        + "bucket:s"), "stored TAT after take " + i);
            }
        }
    }

    @Test
    void proposalsAreACompareAndSetWhoseWinnerReachesEveryMember() throws Exception {
        Context ca = context("a");
        Context cb = new Context(ca.application, "b", Map.of("uri", server.uri()), null);
        try (ClusterBackend a = new RedisBackendProvider().open(ca); ClusterBackend b = new RedisBackendProvider()
                .open(cb)) {
            long now = System.currentTimeMillis();
            FleetState open = new FleetState("pay", now, CircuitState.OPEN, now + 5000, "a", false, now);
            FleetState won = get(a.breakers().propose(open, 0, TTL));
            assertEquals(FleetStates.accept(null, 0, open), won);
            FleetState late = new FleetState("pay", now, CircuitState.OPEN, now + 6000, "b", false, now + 1);
            assertEquals(won, get(b.breakers().propose(late, 0, TTL)), "b expected nothing stored: it loses");
            FleetState forced = new FleetState("pay", now, CircuitState.FORCED_OPEN, 0, "b", true, now + 2);
            FleetState stored = get(b.breakers().propose(forced, FleetStates.ANY, TTL));
            assertEquals(forced.withGeneration(won.generation() + 1), stored, "an operator always wins, generation up");
            assertEquals(Optional.of(stored), get(a.breakers().read("pay")));
            assertEquals(Optional.empty(), get(a.breakers().read("other")));
            get(a.breakers().publish(new BreakerSummary("pay", "a", 10, 4, CircuitState.CLOSED, now, 1000)));
            Eventually.await(5, () -> cb.heard.size() >= 3 && ca.heard.size() >= 3, () -> ca.heard + " / " + cb.heard);
            assertEquals(List.of(won, stored), cb.heard.subList(0, 2), "b hears both winners, in order");
            assertEquals(new BreakerSummary("pay", "a", 10, 4, CircuitState.CLOSED, now, 1000), cb.heard.get(2));
            assertTrue(server.redis().pttl(Keys.defaultPrefix(ca.application) + "breaker:pay") > 0);
        }
    }

    @Test
    void trialClaimsAreLimitedAndFinishesCountSuccesses() throws Exception {
        try (ClusterBackend b = new RedisBackendProvider().open(context("a"))) {
            assertTrue(get(b.breakers().claimTrial("pay", 42, 2, TTL)));
            assertTrue(get(b.breakers().claimTrial("pay", 42, 2, TTL)));
            assertFalse(get(b.breakers().claimTrial("pay", 42, 2, TTL)), "two in flight of two");
            assertEquals(1, get(b.breakers().finishTrial("pay", 42, TrialOutcome.SUCCEEDED, TTL)));
            assertEquals(1, get(b.breakers().finishTrial("pay", 42, TrialOutcome.UNUSED, TTL)));
            assertTrue(get(b.breakers().claimTrial("pay", 42, 2, TTL)), "slots given back");
            assertTrue(get(b.breakers().claimTrial("pay", 43, 1, TTL)), "another OPEN, other slots");
        }
    }

    @Test
    void heartbeatsAnswerTheLiveMembersAndLeavingRemovesOne() throws Exception {
        Context ca = context("a");
        Context cb = new Context(ca.application, "b", Map.of("uri", server.uri()), null);
        try (ClusterBackend a = new RedisBackendProvider().open(ca); ClusterBackend b = new RedisBackendProvider()
                .open(cb)) {
            assertEquals(Set.of("a"), get(a.membership().heartbeat(Duration.ofMillis(300))));
            assertEquals(Set.of("a", "b"), get(b.membership().heartbeat(Duration.ofSeconds(5))));
            Thread.sleep(400);
            assertEquals(Set.of("b"), get(b.membership().heartbeat(Duration.ofSeconds(5))), "a's announcement expired");
            get(b.membership().leave());
            assertEquals(Set.of("a"), get(a.membership().heartbeat(Duration.ofSeconds(5))));
            assertTrue(server.redis().pttl(Keys.defaultPrefix(ca.application) + "members") > 0);
        }
    }

    @Test
    void scriptsAreSentAgainAfterTheServerForgotThem() throws Exception {
        try (ClusterBackend b = new RedisBackendProvider().open(context("a"))) {
            assertEquals(new Grant(3, 7), get(b.quotas().lease("l", 1, 3, 10, TTL)));
            server.redis().scriptFlush();
            assertEquals(new Grant(3, 4), get(b.quotas().lease("l", 1, 3, 10, TTL)));
        }
    }

    @Test
    void aReleaseSentTwiceGivesBackOnce() throws Exception {
        Context ctx = context("a");
        RedisClient other = RedisClient.create(RedisURI.create(server.uri()));
        try (RedisBackend b = RedisBackend.open(ctx); StatefulRedisConnection<String, String> c = other.connect()) {
            get(b.quotas().lease("l", 1, 10, 10, TTL));
            String quota = b.keys().quota("l", 1);
            String operation = b.keys().operation();
            for (int i = 0; i < 2; i++) { // what a client that replays a command after a reconnect does
                get(Scripts.RELEASE.run(c.async(), new String[] {quota, operation}, "4", "5000", "60000"));
            }
            assertEquals("6", server.redis().get(quota));
            assertTrue(server.redis().pttl(operation) > 0);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void theApplicationsRedisClientIsUsedAndNotShutDown() throws Exception {
        RedisClient client = RedisClient.create(RedisURI.create(server.uri()));
        try {
            Context ctx = new Context("a", Map.of(), client);
            try (ClusterBackend b = new RedisBackendProvider().open(ctx)) {
                assertEquals(new Grant(1, 9), get(b.quotas().lease("l", 1, 1, 10, TTL)));
            }
            try (StatefulRedisConnection<String, String> still = client.connect()) {
                assertEquals("PONG", still.sync().ping(), "the application's client still works");
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void withoutAUriOrAClientBeanOpeningSaysWhatToSet() {
        Exception e = assertThrows(IllegalStateException.class,
                () -> new RedisBackendProvider().open(new Context("a", Map.of(), null)));
        assertTrue(e.getMessage().startsWith("Config key steadfast.redis.uri is not set and the application has no"
                + " RedisClient bean"), e.getMessage());
        Exception bad = assertThrows(IllegalArgumentException.class,
                () -> new RedisBackendProvider().open(new Context("a", Map.of("uri", "http://u:secret@h"), null)));
        assertTrue(bad.getMessage().startsWith("Config key steadfast.redis.uri: 'http://***@h' is not a Redis URI"),
                bad.getMessage());
    }

    @Test
    void aMissingServerFailsTheOpenWithinTheConnectTimeout() throws Exception {
        long started = System.nanoTime();
        assertThrows(Exception.class, () -> new RedisBackendProvider().open(new Context("a",
                Map.of("uri", "redis://127.0.0.1:1"), null)));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "refused fast");
    }
}
