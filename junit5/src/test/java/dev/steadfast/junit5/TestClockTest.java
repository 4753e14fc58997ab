package dev.steadfast.junit5;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TestClock}'s own contract, apart from any container. */
class TestClockTest {

    private static final Instant ORIGIN = Instant.parse("2026-03-01T12:00:00Z");

    private final AtomicBoolean attached = new AtomicBoolean(true);
    private final TestClock clock = new TestClock(ORIGIN, attached::get);

    @Test
    void advancesByADurationOrAnAmountOfAUnit() {
        clock.advance(Duration.ofSeconds(30));
        clock.advance(2, ChronoUnit.MINUTES);

        assertEquals(ORIGIN.plusSeconds(150), clock.instant());
        assertEquals(Duration.ofSeconds(150), clock.elapsed());
    }

    @Test
    void eachTestCountsElapsedTimeAndSleepsFromItsStartWhileTheTimeGoesOn() throws InterruptedException {
        clock.advance(Duration.ofMinutes(1));
        clock.time().sleep(Duration.ofSeconds(10).toNanos());
        assertEquals(List.of(Duration.ofSeconds(10)), clock.sleeps());

        clock.startTest();

        assertEquals(Duration.ZERO, clock.elapsed());
        assertEquals(List.of(), clock.sleeps());
        assertEquals(ORIGIN.plusSeconds(70), clock.instant());
    }

    @Test
    void timeNeverMovesBackwards() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clock.advance(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("PT-1S"), e.getMessage());
    }

    @Test
    void advancingAClockNoContainerRunsOnIsAMistakeReportedWithTheFix() {
        attached.set(false);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> clock.advance(Duration.ofSeconds(1)));

        assertTrue(e.getMessage().contains("no Steadfast container runs on this clock"), e.getMessage());
        assertEquals(ORIGIN, clock.instant(), "nothing moved");
    }

    @Test
    void awaitingPendingTasksThatNeverComeTimesOutWithTheCounts() {
        TimeoutException e = assertThrows(TimeoutException.class,
                () -> clock.awaitPendingTasks(1, Duration.ofMillis(10)));
        assertTrue(e.getMessage().contains("0 timer task(s) pending"), e.getMessage());
    }

    @Test
    void awaitingTasksAlreadyPendingReturnsAtOnce() throws Exception {
        clock.time().lane().schedule(Duration.ofSeconds(5).toNanos(), () -> { });

        clock.awaitPendingTasks(1, Duration.ofSeconds(30));

        assertEquals(1, clock.pendingTasks());
    }
}
