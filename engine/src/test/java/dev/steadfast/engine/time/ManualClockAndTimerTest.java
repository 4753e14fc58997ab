package dev.steadfast.engine.time;

import static java.time.Duration.ofMillis;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test doubles every engine test relies on must themselves behave. */
class ManualClockAndTimerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualTimer timer = new ManualTimer(clock);

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    void timeMovesOnlyWhenAdvancedOrSleptAndSleepsAreRecorded() throws Exception {
        assertEquals(0, clock.nanoTime());

        clock.advance(ofMillis(5));
        clock.sleep(ofMillis(7).toNanos());

        assertEquals(ofMillis(12).toNanos(), clock.nanoTime());
        assertEquals(Instant.parse("2026-01-01T00:00:00.012Z"), clock.instant());
        assertEquals(List.of(ofMillis(7)), clock.sleeps());
    }

    @Test
    void timeNeverMovesBackwards() {
        assertThrows(IllegalArgumentException.class, () -> clock.advanceNanos(-1));
    }

    @Test
    void sleepThrowsWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> clock.sleep(1));
        assertEquals(0, clock.nanoTime());
    }

    @Test
    void firesActionsInDeadlineOrderAsTheClockReachesThem() {
        List<String> ran = new ArrayList<>();
        timer.schedule(ofMillis(30).toNanos(), () -> ran.add("30"));
        timer.schedule(ofMillis(10).toNanos(), () -> ran.add("10"));
        timer.schedule(ofMillis(20).toNanos(), () -> ran.add("20"));
        timer.schedule(ofMillis(20).toNanos(), () -> ran.add("20 again"));

        clock.advance(ofMillis(9));
        assertEquals(List.of(), ran);
        clock.advance(ofMillis(11));
        assertEquals(List.of("10", "20", "20 again"), ran);
        assertEquals(1, timer.pending());
        clock.advance(ofMillis(100));
        assertEquals(List.of("10", "20", "20 again", "30"), ran);
        assertEquals(0, timer.pending());
    }

    @Test
    void aZeroDelayRunsAtOnceAndACancelledActionNever() {
        List<String> ran = new ArrayList<>();

        timer.schedule(0, () -> ran.add("now"));
        Timer.Task cancelled = timer.schedule(ofMillis(1).toNanos(), () -> ran.add("cancelled"));
        cancelled.cancel();
        clock.advance(ofMillis(5));

        assertEquals(List.of("now"), ran);
        assertEquals(0, timer.pending());
    }

    @Test
    void anActionScheduledByAFiredActionCountsFromTheClocksCurrentTime() {
        List<String> ran = new ArrayList<>();
        timer.schedule(ofMillis(10).toNanos(), () -> {
            ran.add("first");
            timer.schedule(ofMillis(5).toNanos(), () -> ran.add("second"));
        });

        clock.advance(ofMillis(20)); // the first fires with the clock at 20 ms: the second is due at 25 ms
        assertEquals(List.of("first"), ran);

        clock.advance(ofMillis(5));
        assertEquals(List.of("first", "second"), ran);
    }
}
