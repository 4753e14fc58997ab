package dev.steadfast.engine.breaker;

import dev.steadfast.BreakerFamilyHandle;
import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitState;
import dev.steadfast.KeyedCircuitOpenException;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener.KeyedStateChanged;
import dev.steadfast.engine.Strategy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.spi.ObservedBreakerFamily;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyed circuit breakers: one independent breaker per key, bounded memory, OPEN keys never evicted. */
class KeyedBreakerTest {

    private static final String METHOD = "com.acme.Tenants#fetch(String)";
    private static final BreakerPolicy FIVE_FAILURES = BreakerPolicy.builder().requestVolumeThreshold(5)
            .failureRatio(1.0).delay(Duration.ofSeconds(5)).build();

    private final ManualClock clock = new ManualClock();
    private final dev.steadfast.engine.RecordingListener events = new dev.steadfast.engine.RecordingListener();

    private BreakerFamily family(int maxKeys, Duration idle) {
        return new BreakerFamily("tenants", FIVE_FAILURES, KeyedBreakerPolicy.builder().maxKeys(maxKeys)
                .keyIdleEviction(idle).build(), clock, events);
    }

    /** A strategy whose key is the call's one argument and whose body fails for the key "bad". */
    private Strategy<String> strategy(BreakerFamily family) {
        Strategy<String> body = invocation -> {
            if ("bad".equals(invocation.arguments()[0])) {
                throw new IOException("down");
            }
            return "ok";
        };
        return new KeyedCircuitBreakerStrategy<>(body, METHOD, family, BreakerKeySelector.argument(0), clock, events);
    }

    private static Invocation<String> call(Object key) {
        return new Invocation<>() {
            @Override
            public String proceed() {
                return "unused";
            }

            @Override
            public Object[] arguments() {
                return new Object[] {key};
            }
        };
    }

    @Test
    void oneFailingKeyOpensOnlyItsOwnBreaker() throws Exception {
        BreakerFamily family = family(100, Duration.ofMinutes(10));
        Strategy<String> s = strategy(family);
        for (int i = 0; i < 5; i++) {
            assertEquals("ok", s.call(call("good")));
            assertThrows(IOException.class, () -> s.call(call("bad")));
        }

        KeyedCircuitOpenException e = assertThrows(KeyedCircuitOpenException.class, () -> s.call(call("bad")));

        assertEquals("bad", e.getKey());
        assertEquals("tenants", e.getBreakerName());
        assertEquals(OPEN, e.getState());
        assertEquals(Duration.ofSeconds(5), e.getRetryAfter());
        assertFalse(e.getMessage().contains("bad"), "the message does not show the key: " + e.getMessage());
        assertEquals("ok", s.call(call("good")), "the other key's breaker is still closed");
        assertEquals(OPEN, family.find("bad").orElseThrow().state());
        assertEquals(CLOSED, family.find("good").orElseThrow().state());
        assertEquals(List.of(new KeyedStateChanged("tenants", "bad", CLOSED, OPEN)),
                events.events(KeyedStateChanged.class));
    }

    @Test
    void anOpenKeyLetsATrialThroughAfterTheDelayAndClosesOnSuccess() throws Exception {
        BreakerFamily family = family(100, Duration.ofMinutes(10));
        boolean[] failing = {true};
        Strategy<String> s = new KeyedCircuitBreakerStrategy<>(invocation -> {
            if (failing[0]) {
                throw new IOException("down");
            }
            return "ok";
        }, METHOD, family, BreakerKeySelector.argument(0), clock, events);
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> s.call(call("k")));
        }
        clock.advance(Duration.ofSeconds(5));
        failing[0] = false;

        assertEquals("ok", s.call(call("k")));

        assertEquals(CLOSED, family.find("k").orElseThrow().state());
        assertEquals(List.of(new KeyedStateChanged("tenants", "k", CLOSED, OPEN),
                new KeyedStateChanged("tenants", "k", OPEN, HALF_OPEN),
                new KeyedStateChanged("tenants", "k", HALF_OPEN, CLOSED)), events.events(KeyedStateChanged.class));
    }

    @Test
    void idleClosedKeysAreEvictedAndAnOpenKeyNeverIs() throws Exception {
        BreakerFamily family = family(100, Duration.ofMinutes(10));
        Strategy<String> s = strategy(family);
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> s.call(call("bad")));
        }
        for (int i = 0; i < 50; i++) {
            s.call(call("idle-" + i));
        }
        assertEquals(51, family.size());

        clock.advance(Duration.ofMinutes(11));
        s.call(call("fresh"));

        assertEquals(2, family.size(), "the idle CLOSED keys went, the OPEN one and the fresh one stay");
        assertEquals(50, family.evictions());
        assertEquals(OPEN, family.find("bad").orElseThrow().state());
        assertTrue(family.find("idle-0").isEmpty());
    }

    @Test
    void aFullFamilyEvictsTheLeastRecentlyUsedClosedKeysButNoOpenOne() throws Exception {
        BreakerFamily family = family(10, Duration.ofHours(1));
        Strategy<String> s = strategy(family);
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> s.call(call("bad")));
        }
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMinutes(1));
            s.call(call("key-" + i));
            assertTrue(family.size() <= 10, "size " + family.size());
        }

        assertEquals(OPEN, family.find("bad").orElseThrow().state(), "the OPEN key kept its state");
        assertTrue(family.find("key-99").isPresent(), "the newest key is held");
        assertTrue(family.find("key-0").isEmpty(), "the oldest key is gone");
    }

    @Test
    void whenNoKeyMayBeEvictedNewKeysShareTheOverflowBreaker() throws Exception {
        BreakerFamily family = family(2, Duration.ofHours(1));
        Strategy<String> s = strategy(family);
        for (int i = 0; i < 5; i++) {
            assertThrows(IOException.class, () -> s.call(call("bad")));
        }
        s.call(call("second"));
        family.find("second").orElseThrow().forceOpen();
        BreakerFamilyHandle handle = family;

        assertEquals("ok", s.call(call("newcomer")), "admitted through the overflow breaker");
        assertEquals(2, handle.size());
        assertTrue(family.find("newcomer").isEmpty());
    }

    @Test
    void aMillionDistinctKeysKeepTheFamilyWithinMaxKeysAndTheHeapFlat() throws Exception {
        BreakerFamily family = family(10_000, Duration.ofMinutes(10));
        Strategy<String> s = strategy(family);
        long afterWarmUp = 0;
        for (int i = 0; i < 1_000_000; i++) {
            s.call(call(i));
            if (i % 100 == 0) {
                clock.advance(Duration.ofMillis(1));
                assertTrue(family.size() <= 10_000, "size " + family.size() + " after " + i + " keys");
            }
            if (i == 200_000) {
                afterWarmUp = usedHeap();
            }
        }
        long atEnd = usedHeap();

        assertTrue(family.size() <= 10_000);
        assertTrue(family.evictions() >= 990_000, "evictions " + family.evictions());
        // 800,000 more keys than at the first reading: a leak of even 8 bytes a key would show as 6 MB.
        long growth = atEnd - afterWarmUp;
        assertTrue(growth < 4_000_000, "heap grew by " + growth + " B over 800,000 keys");
        System.out.printf("1,000,000 keys: family %d keys, %d evictions, heap %+d B from key 200,000 to the end%n",
                family.size(), family.evictions(), growth);
    }

    @Test
    void aClosedKeyCostsAtMostThreeHundredBytes() throws Exception {
        int keys = 100_000;
        Integer[] ids = new Integer[keys];
        for (int i = 0; i < keys; i++) {
            ids[i] = 1_000_000 + i; // made before the first reading: the keys' own objects are not counted
        }
        BreakerFamily family = family(keys, Duration.ofHours(1));
        Strategy<String> s = strategy(family);
        long before = usedHeap();
        for (Integer id : ids) {
            s.call(call(id));
        }
        long after = usedHeap();

        double perKey = (after - before) / (double) keys;
        assertEquals(keys, family.size());
        assertTrue(perKey <= 300, perKey + " B per CLOSED key");
        System.out.printf("memory per CLOSED key (window of 5 calls, Integer keys made beforehand): %.1f B%n", perKey);
        // Keep the family and keys reachable until after the reading.
        assertEquals(CLOSED, family.find(ids[0]).orElseThrow().state());
    }

    @Test
    void aClosedKeyWithItsOwnStringKeyCostsAtMostThreeHundredBytes() throws Exception {
        int keys = 100_000;
        BreakerFamily family = family(keys, Duration.ofHours(1));
        Strategy<String> s = strategy(family);
        long before = usedHeap();
        for (int i = 0; i < keys; i++) {
            s.call(call("tenant-" + (100_000 + i))); // the key's String (13 characters) is counted too
        }
        long after = usedHeap();

        double perKey = (after - before) / (double) keys;
        assertEquals(keys, family.size());
        assertTrue(perKey <= 300, perKey + " B per CLOSED key");
        System.out.printf("memory per CLOSED key with its key \"tenant-NNNNNN\": %.1f B%n", perKey);
    }

    @Test
    void aStagedCallOfAnOpenKeyGetsAFailedStage() throws Exception {
        BreakerFamily family = family(100, Duration.ofMinutes(10));
        Strategy<CompletionStage<String>> s = new AsyncKeyedCircuitBreakerStrategy<>(
                invocation -> CompletableFuture.failedFuture(new IOException("down")), METHOD, family,
                BreakerKeySelector.argument(0), clock, events);
        Invocation<CompletionStage<String>> call = new Invocation<>() {
            @Override
            public CompletionStage<String> proceed() {
                return null;
            }

            @Override
            public Object[] arguments() {
                return new Object[] {"bad"};
            }
        };
        for (int i = 0; i < 5; i++) {
            s.call(call);
        }

        Throwable e = assertThrows(Exception.class, () -> s.call(call).toCompletableFuture().join()).getCause();

        assertInstanceOf(KeyedCircuitOpenException.class, e);
    }

    @Test
    void metricTagsNameTheKeysMostInTroubleAndTheRestOther() throws Exception {
        BreakerFamily family = family(1000, Duration.ofHours(1));
        ObservedBreakerFamily observed = family;
        for (int k = 0; k < 20; k++) {
            family.lookup("t" + k, 0);
            family.find("t" + k).orElseThrow().forceOpen();
        }
        family.lookup("fine", 0);

        assertEquals("t0", observed.tagOf("t0"));
        assertEquals("t9", observed.tagOf("t9"));
        assertEquals(ObservedBreakerFamily.OTHER, observed.tagOf("t10"), "only ten keys by name");
        assertEquals(ObservedBreakerFamily.OTHER, observed.tagOf("fine"));
        assertEquals(20, observed.count(CircuitState.FORCED_OPEN));
        assertEquals(1, observed.count(CLOSED));
    }

    @Test
    void theRegistryListsFamiliesAndFindsABreakerByNameAndKey() throws Exception {
        BreakerRegistry registry = new BreakerRegistry(clock, new dev.steadfast.engine.time.ManualTimer(clock), events);
        BreakerFamily family = registry.getOrCreateFamily("tenants", FIVE_FAILURES, KeyedBreakerPolicy.defaults());
        strategy(family).call(call("acme"));

        CircuitBreakerHandle acme = registry.find("tenants", "acme").orElseThrow();

        assertEquals("tenants[acme]", acme.name());
        assertEquals(1, acme.stats().successfulCalls());
        assertTrue(registry.find("tenants", "nobody").isEmpty());
        assertEquals(List.of("tenants"), registry.families().stream().map(BreakerFamilyHandle::name).toList());
        assertTrue(registry.all().isEmpty(), "a family is not an unkeyed breaker");
        assertThrows(IllegalArgumentException.class, () -> registry.getOrCreate("tenants", FIVE_FAILURES));
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50); // let the collector finish; the reading, not the test's timing, depends on it
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }
}
