package dev.steadfast.tck.timeout;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code @Timeout} ({@code docs/annotations.md}): a synchronous call is interrupted at the deadline and ends in
 * {@code TimeoutExceededException} with the interrupt flag cleared; a stage fails at the deadline.
 */
@EnableWeld
class TimeoutTest {

    /** Generous: the deadlines are 50 to 100 ms, the bodies would take 5 s. */
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(SlowService.class);

    @Inject
    SlowService service;

    @AfterEach
    void clearInterruptFlagLeftByAFailedAssertion() {
        Thread.interrupted();
    }

    @Test
    void aSlowSynchronousCallReturnsControlWithTimeoutExceededSoonAfterTheDeadline() {
        long start = System.nanoTime();

        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, service::sleepy);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(PROMPTLY) < 0, "took " + took);
        assertTrue(took.compareTo(Duration.ofMillis(90)) >= 0, "returned before the deadline: " + took);
        assertEquals(Duration.ofMillis(100), e.getTimeout());
    }

    @Test
    void theCallersInterruptFlagIsClearedAfterATimeout() {
        assertThrows(TimeoutExceededException.class, service::sleepy);

        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void theTimeoutNamesTheMethodAndTheTime() {
        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, service::sleepy);

        assertTrue(e.getMessage().startsWith(SlowService.class.getName() + "#sleepy() timed out after "),
                e.getMessage());
    }

    @Test
    void whatTheInterruptedBodyThrewIsAttachedAsSuppressed() {
        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, service::sleepy);

        assertTrue(Arrays.stream(e.getSuppressed()).anyMatch(InterruptedException.class::isInstance),
                () -> "suppressed: " + Arrays.toString(e.getSuppressed()));
    }

    @Test
    void aMethodThatIgnoresTheInterruptAndReturnsLateStillEndsInTimeoutExceeded() {
        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, service::stubborn);

        assertTrue(service.interruptSeen(), "the caller's thread was interrupted at the deadline");
        assertEquals(Duration.ofMillis(50), e.getTimeout());
        assertFalse(Thread.currentThread().isInterrupted(), "the flag the body left set is cleared");
    }

    @Test
    void aFastCallReturnsItsResultNormally() {
        assertEquals("fast x", service.fast("x"));

        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aFastFailureBeforeTheDeadlinePropagatesUnchanged() {
        IOException e = assertThrows(IOException.class, service::failsFast);

        assertEquals("refused", e.getMessage());
    }

    @Test
    void aStageThatNeverCompletesFailsWithTimeoutExceeded() {
        long start = System.nanoTime();
        CompletableFuture<String> future = service.never().toCompletableFuture();

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        TimeoutExceededException timeout = assertInstanceOf(TimeoutExceededException.class, e.getCause());
        assertEquals(Duration.ofMillis(100), timeout.getTimeout());
        assertTrue(took.compareTo(PROMPTLY) < 0, "took " + took);
    }

    @Test
    void aStageThatCompletesInTimeKeepsItsResult() throws Exception {
        assertEquals("in time", service.stageInTime().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void anAsynchronousCallThatRunsTooLongFailsItsStageAtTheDeadline() {
        long start = System.nanoTime();
        CompletableFuture<String> future = assertDoesNotBlock(() -> service.sleepyAsync().toCompletableFuture());

        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertInstanceOf(TimeoutExceededException.class, e.getCause());
        assertTrue(took.compareTo(PROMPTLY) < 0, "took " + took);
    }

    private static <T> T assertDoesNotBlock(ThrowingSupplier<T> call) {
        long start = System.nanoTime();
        T result;
        try {
            result = call.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "the caller waited " + took + " for the stage");
        return result;
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
