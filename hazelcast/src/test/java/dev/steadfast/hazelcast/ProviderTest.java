package dev.steadfast.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.steadfast.spi.cluster.BreakerSummary;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterBackendProvider;
import dev.steadfast.spi.cluster.ClusterContext;
import dev.steadfast.spi.cluster.ClusterListener;
import dev.steadfast.spi.cluster.FleetState;
import dev.steadfast.spi.cluster.Grant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider as Steadfast meets it: found through {@code META-INF/services}, failing with the key and the value
 * when its config is wrong, and (on a one-member grid) the SPI's operations against the reference arithmetic, with
 * {@code min-cluster-size} cutting a too small cluster off.
 */
class ProviderTest {

    /** A context with {@code steadfast.hazelcast.*} keys from {@code config}, recording what the backend says. */
    private static final class Context implements ClusterContext, ClusterListener {
        final Map<String, String> config;
        final List<String> heard = new CopyOnWriteArrayList<>();
        final Object bean;

        Context(Map<String, String> config) {
            this(config, null);
        }

        Context(Map<String, String> config, Object bean) {
            this.config = config;
            this.bean = bean;
        }

        @Override
        public String application() {
            return "provider-test";
        }

        @Override
        public String memberId() {
            return "m1";
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
            return ProviderTest.class.getClassLoader();
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
            heard.add("summary " + summary.member());
        }

        @Override
        public void transition(FleetState state) {
            heard.add("transition " + state.state() + " " + state.generation());
        }

        @Override
        public void connectionLost(Throwable cause) {
            heard.add("lost: " + cause.getMessage());
        }

        @Override
        public void connectionRestored() {
            heard.add("restored");
        }
    }

    @Test
    void isFoundThroughTheServiceLoaderUnderTheNameHazelcast() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(ClusterBackendProvider.class).forEach(p -> names.add(p.name()));
        assertEquals(List.of("hazelcast"), names);
    }

    @Test
    void anInstanceNameThatNoInstanceHasFailsNamingTheKey() {
        Exception e = assertThrows(IllegalStateException.class, () -> new HazelcastBackendProvider()
                .open(new Context(Map.of("instance-name", "nobody"))));
        assertTrue(e.getMessage().startsWith("Config key steadfast.hazelcast.instance-name: no Hazelcast member or"
                + " client named 'nobody'"), e.getMessage());
    }

    @Test
    void aBrokenMinClusterSizeFailsNamingTheKeyTheValueAndTheRule() {
        Exception e = assertThrows(IllegalArgumentException.class, () -> new HazelcastBackendProvider()
                .open(new Context(Map.of("min-cluster-size", "0"))));
        assertEquals("Config key steadfast.hazelcast.min-cluster-size: '0' is not a whole number of at least 1",
                e.getMessage());
    }

    @Test
    void theStoresApplyTheReferenceArithmeticAndATooSmallClusterIsCutOff() throws Exception {
        try (Grid grid = Grid.start(1)) {
            Context context = new Context(Map.of("instance-name", grid.name(0)));
            try (ClusterBackend backend = new HazelcastBackendProvider().open(context)) {
                Duration ttl = Duration.ofSeconds(5);
                assertEquals(new Grant(7, 3), get(backend.quotas().lease("q", 42, 7, 10, ttl)));
                assertEquals(new Grant(3, 0), get(backend.quotas().lease("q", 42, 7, 10, ttl)));
                assertEquals(new Grant(0, 0), get(backend.quotas().lease("q", 42, 1, 10, ttl)));
                get(backend.quotas().release("q", 42, 4, ttl));
                assertEquals(new Grant(4, 0), get(backend.quotas().lease("q", 42, 5, 10, ttl)));
                assertEquals(new Grant(5, 5), get(backend.quotas().lease("q", 43, 5, 10, ttl)), "another window");

                FleetState open = new FleetState("p", 100, dev.steadfast.CircuitState.OPEN, 5_000, "m1", false, 1);
                assertEquals(100, get(backend.breakers().propose(open, 0, ttl)).generation());
                FleetState stale = new FleetState("p", 90, dev.steadfast.CircuitState.CLOSED, 0, "m2", false, 2);
                assertEquals(open, get(backend.breakers().propose(stale, 0, ttl)), "a stale proposal loses");
                assertEquals(Optional.of(open), get(backend.breakers().read("p")));
                assertTrue(get(backend.breakers().claimTrial("p", 100, 1, ttl)));
                assertTrue(!get(backend.breakers().claimTrial("p", 100, 1, ttl)), "one slot only");
                assertEquals(1, get(backend.breakers().finishTrial("p", 100,
                        dev.steadfast.spi.cluster.TrialOutcome.SUCCEEDED, ttl)));
                assertEquals(java.util.Set.of("m1"), get(backend.membership().heartbeat(ttl)));
                HazelcastFleetTest.await(() -> context.heard.contains("transition OPEN 100"), Duration.ofSeconds(5),
                        () -> "the stored decision is delivered: " + context.heard);
                assertEquals(List.of("transition OPEN 100"), context.heard, "a stale proposal is not delivered");
            }

            Context cutOff = new Context(Map.of("instance-name", grid.name(0), "min-cluster-size", "2"));
            try (ClusterBackend backend = new HazelcastBackendProvider().open(cutOff)) {
                assertTrue(cutOff.heard.get(0).startsWith("lost: the Hazelcast cluster has 1 members"),
                        cutOff.heard.toString());
                assertThrows(CompletionException.class, () -> get(backend.ping()));
            }
            assertTrue(grid.members.get(0).getLifecycleService().isRunning(), "a given instance is not shut down");
        }
    }

    @Test
    void theApplicationsBeanComesBeforeTheServersInstanceWhichComesBeforeStartingOneAndNeitherIsShutDown()
            throws Exception {
        String before = System.getProperty("java.naming.factory.initial");
        System.setProperty("java.naming.factory.initial", FakeJndi.class.getName());
        try (Grid grid = Grid.start(2)) {
            HazelcastInstance app = grid.members.get(0);
            HazelcastInstance server = grid.members.get(1);
            FakeJndi.BOUND.put(HazelcastBackendProvider.PAYARA_JNDI_NAME, server);

            HazelcastBackendProvider.Source s = HazelcastBackendProvider.source(new Context(Map.of(), app));
            assertEquals(app, s.instance());
            assertEquals("the application's HazelcastInstance bean '" + app.getName() + "'", s.description());

            s = HazelcastBackendProvider.source(new Context(Map.of()));
            assertEquals(server, s.instance());
            assertEquals("the server's Hazelcast instance (JNDI payara/Hazelcast)", s.description());
            assertTrue(!s.owned());

            FakeJndi.BOUND.put("java:global/grid", app);
            s = HazelcastBackendProvider.source(new Context(Map.of("jndi-name", "java:global/grid")));
            assertEquals(app, s.instance(), "steadfast.hazelcast.jndi-name");

            Exception e = assertThrows(IllegalArgumentException.class, () -> HazelcastBackendProvider.source(
                    new Context(Map.of("jndi-name", "none", "config", "no-such-hazelcast.xml"))));
            assertEquals("Config key steadfast.hazelcast.config: 'no-such-hazelcast.xml' is neither a file nor a"
                    + " class path resource", e.getMessage(), "none skips JNDI and goes on to the config");

            try (ClusterBackend backend = new HazelcastBackendProvider().open(new Context(Map.of(), app))) {
                assertEquals(Set.of("m1"), get(backend.membership().heartbeat(Duration.ofSeconds(5))));
            }
            assertTrue(app.getLifecycleService().isRunning(), "the application's instance is left running");
        } finally {
            FakeJndi.BOUND.clear();
            if (before == null) {
                System.clearProperty("java.naming.factory.initial");
            } else {
                System.setProperty("java.naming.factory.initial", before);
            }
        }
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }
}
