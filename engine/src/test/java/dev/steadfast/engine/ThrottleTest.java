package dev.steadfast.engine;

import dev.steadfast.engine.time.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThrottleTest {

    private final ManualClock clock = new ManualClock();
    private final Throttle throttle = new Throttle(clock, Duration.ofSeconds(10));

    @Test
    void letsTheFirstEventOfAKeyThroughAndHoldsBackTheOthersWithinTheInterval() {
        assertEquals(0, throttle.admit("a"));
        assertEquals(-1, throttle.admit("a"));
        assertEquals(-1, throttle.admit("a"));
        assertEquals(0, throttle.admit("b"), "keys are independent");

        clock.advance(Duration.ofMillis(9_999));
        assertEquals(-1, throttle.admit("a"));

        clock.advance(Duration.ofMillis(1));
        assertEquals(3, throttle.admit("a"), "the next one through carries the count held back");
        assertEquals(-1, throttle.admit("a"), "a new interval starts from the event let through");
    }

    @Test
    void aZeroIntervalLetsEverythingThrough() {
        Throttle none = new Throttle(clock, Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, none.admit("a"));
        }
    }

    @Test
    void refusesANegativeInterval() {
        assertThrows(IllegalArgumentException.class, () -> new Throttle(clock, Duration.ofSeconds(-1)));
    }

    @Test
    void keysBeyondTheTableShareOneGateAndIdleKeysMakeRoomAgain() {
        for (int i = 0; i < Throttle.MAX_KEYS; i++) {
            assertEquals(0, throttle.admit("key-" + i));
        }
        assertEquals(0, throttle.admit("one too many"), "the shared gate lets its first event through");
        assertEquals(-1, throttle.admit("and another"), "and holds back the next one, whatever its key");

        clock.advance(Duration.ofSeconds(10));
        assertEquals(0, throttle.admit("new"), "the idle keys were dropped: a key of its own again");
        assertEquals(-1, throttle.admit("new"));
    }

    @Test
    void underContentionExactlyOneEventPerIntervalPassesAndEveryOtherIsCountedOnce() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        AtomicLong passed = new AtomicLong();
        AtomicLong reported = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Future<?>[] f = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                f[t] = pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        long r = throttle.admit("hot");
                        if (r >= 0) {
                            passed.incrementAndGet();
                            reported.addAndGet(r);
                        }
                    }
                    return null;
                });
            }
            start.countDown();
            for (Future<?> each : f) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, passed.get(), "the clock did not move: one event in the interval");

        clock.advance(Duration.ofSeconds(10));
        long last = throttle.admit("hot");
        assertTrue(last >= 0);
        assertEquals((long) threads * perThread - 1, reported.get() + last, "every held-back event reported once");
    }
}
