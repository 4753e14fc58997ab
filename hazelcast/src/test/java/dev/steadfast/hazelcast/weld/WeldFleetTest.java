package dev.steadfast.hazelcast.weld;

import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.CircuitState;
import dev.steadfast.CircuitStateChanged;
import dev.steadfast.ClusterStatus;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RateLimiters;
import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three Weld containers in one JVM as three instances of one application, each with its own MicroProfile Config and
 * its own {@code HazelcastInstance} producer bean (one member each of a 3-member grid on loopback): the backend takes
 * the application's bean, a {@code CLUSTER} {@code @RateLimit} holds the fleet's quota exactly, and an operator's
 * {@code forceOpen()} on one container reaches the others, whose CDI events name it.
 */
class WeldFleetTest {

    private static dev.steadfast.hazelcast.GridAccess grid;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = dev.steadfast.hazelcast.GridAccess.start(3);
        Beans.grid = grid.members();
    }

    @AfterAll
    static void stopGrid() {
        if (grid != null) {
            grid.close();
        }
    }

    /** One application instance: a Weld container with its own config. */
    private static final class Instance implements AutoCloseable {
        final WeldContainer container;
        final SmallRyeConfig config;

        Instance(String id, String application, Class<?> producer, Class<?>... beans) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            try {
                resolver.releaseConfig(resolver.getConfig(loader));
            } catch (IllegalStateException none) {
                // nothing registered yet
            }
            config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources()
                    .withSources(new PropertiesConfigSource(Map.of("steadfast.cluster.member-id", id,
                            "steadfast.cluster.application", application, "steadfast.hazelcast.jndi-name", "none"),
                            "test", 500))
                    .build();
            resolver.registerConfig(config, loader);
            Weld weld = new Weld(UUID.randomUUID().toString()).disableDiscovery()
                    .addExtension(new SteadfastExtension()).addBeanClasses(beans).addBeanClass(producer);
            container = weld.initialize();
        }

        <T> T select(Class<T> type) {
            return container.select(type).get();
        }

        @Override
        public void close() {
            try {
                container.shutdown();
            } finally {
                ConfigProviderResolver.instance().releaseConfig(config);
            }
        }
    }

    private static List<Instance> fleet(Class<?>... beans) {
        String application = "weld-" + UUID.randomUUID().toString().substring(0, 8);
        return List.of(new Instance("a", application, Beans.Grid0.class, beans),
                new Instance("b", application, Beans.Grid1.class, beans),
                new Instance("c", application, Beans.Grid2.class, beans));
    }

    private static void closeAll(List<Instance> fleet) {
        for (Instance i : fleet) {
            i.close();
        }
    }

    @Test
    void threeContainersShareTheQuotaOfAClusterRateLimitExactly() throws Exception {
        Instant now = Instant.now();
        long secondsLeftInHour = 3600 - now.getEpochSecond() % 3600;
        if (secondsLeftInHour < 30) { // the quota's window is the wall clock's hour: stay inside one
            Thread.sleep(secondsLeftInHour * 1000 + 1000);
        }
        List<Instance> fleet = fleet(Beans.Partner.class);
        try {
            for (Instance i : fleet) {
                HazelcastFleetAwait.await(() -> i.select(RateLimiters.class).get("weld-partner").clusterStatus()
                        == ClusterStatus.CONNECTED, Duration.ofSeconds(20), () -> "connects");
            }
            int admitted = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (admitted < 30 && System.nanoTime() - deadline < 0) {
                for (Instance i : fleet) {
                    try {
                        i.select(Beans.Partner.class).call();
                        admitted++;
                    } catch (RateLimitExceededException e) {
                        Thread.sleep(Math.min(20, Math.max(1, e.getRetryAfter().toMillis())));
                    }
                }
            }
            assertEquals(30, admitted, "the fleet's quota is used");
            for (int round = 0; round < 10; round++) {
                for (Instance i : fleet) {
                    assertThrows(RateLimitExceededException.class, () -> i.select(Beans.Partner.class).call());
                }
            }
            long byHandles = 0;
            for (Instance i : fleet) {
                byHandles += i.select(RateLimiters.class).get("weld-partner").stats().admittedCalls();
            }
            assertEquals(30, byHandles, "no more than the quota across the fleet");
        } finally {
            closeAll(fleet);
        }
    }

    @Test
    void forceOpenInOneContainerReachesTheOthersWhoseEventsNameIt() throws Exception {
        List<Instance> fleet = fleet(Beans.Payments.class, Beans.Events.class);
        try {
            for (Instance i : fleet) {
                assertEquals("charged", i.select(Beans.Payments.class).charge(false));
                HazelcastFleetAwait.await(() -> i.select(CircuitBreakers.class).get("weld-payments").clusterStatus()
                        == ClusterStatus.CONNECTED, Duration.ofSeconds(20), () -> "connects");
            }
            fleet.get(0).select(CircuitBreakers.class).get("weld-payments").forceOpen();
            for (Instance i : fleet) {
                HazelcastFleetAwait.await(() -> i.select(CircuitBreakers.class).get("weld-payments").state()
                        == CircuitState.FORCED_OPEN, Duration.ofSeconds(5), () -> "follows a");
            }
            assertThrows(CircuitOpenException.class, () -> fleet.get(1).select(Beans.Payments.class).charge(false));
            List<String> origins = new ArrayList<>();
            for (Instance i : fleet) {
                CircuitStateChanged first = i.select(Beans.Events.class).seen().get(0);
                assertEquals(CircuitState.FORCED_OPEN, first.to());
                origins.add(first.origin());
            }
            assertEquals(List.of("local", "a", "a"), origins);

            fleet.get(2).select(CircuitBreakers.class).get("weld-payments").reset();
            for (Instance i : fleet) {
                HazelcastFleetAwait.await(() -> i.select(CircuitBreakers.class).get("weld-payments").state()
                        == CircuitState.CLOSED, Duration.ofSeconds(5), () -> "follows c's reset");
            }
            assertEquals("charged", fleet.get(1).select(Beans.Payments.class).charge(false));
        } finally {
            closeAll(fleet);
        }
    }
}
