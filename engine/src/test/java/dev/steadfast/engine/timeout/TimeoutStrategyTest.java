package dev.steadfast.engine.timeout;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.RecordingListener;
import dev.steadfast.engine.RecordingListener.TimedOut;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.time.Timer;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutStrategyTest {

    private static final String METHOD = "com.acme.Quotes#fetch(String)";
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final RecordingListener listener = new RecordingListener();
    private final TimeoutStrategy<Object> strategy = new TimeoutStrategy<>(Invocation::proceed, METHOD,
            new TimeoutPolicy(SECOND), clock, timer, listener);

    @AfterEach
    void clearInterruptFlag() {
        Thread.interrupted();
    }

    @Test
    void aFastCallReturnsItsValueAndLeavesNoPendingTimerTask() throws Exception {
        assertEquals("quote", strategy.call(() -> {
            assertEquals(1, timer.pending(), "the watchdog is armed while the body runs");
            return "quote";
        }));

        assertEquals(0, timer.pending());
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void aFailureBeforeTheDeadlinePropagatesUnwrappedAndDisarmsTheWatchdog() {
        IOException failure = new IOException();

        IOException thrown = assertThrows(IOException.class, () -> strategy.call(() -> {
            clock.advance(ofMillis(999));
            throw failure;
        }));

        assertSame(failure, thrown);
        assertEquals(0, timer.pending());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void aBodyBlockedPastTheDeadlineIsInterruptedAndTheCallerGetsTimeoutExceededException() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean bodyWasInterrupted = new AtomicBoolean();
        Thread advancer = new Thread(() -> {
            try {
                entered.await();
                clock.advance(ofMillis(999));
                clock.advance(ofMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        advancer.start();

        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            entered.countDown();
            try {
                never.await();
                return "unreachable";
            } catch (InterruptedException interrupted) {
                bodyWasInterrupted.set(true);
                throw interrupted;
            }
        }));
        advancer.join(TimeUnit.SECONDS.toMillis(10));

        assertTrue(bodyWasInterrupted.get());
        assertEquals(ofSeconds(1), e.getTimeout());
        assertTrue(e.getMessage().contains(METHOD), e.getMessage());
        assertInstanceOf(InterruptedException.class, e.getSuppressed()[0], "what the body threw is kept");
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt flag is cleared afterwards");
        assertEquals(0, timer.pending());
        assertEquals(List.of(new TimedOut(METHOD, ofSeconds(1))), listener.events());
    }

    @Test
    void aBodyThatSwallowsTheInterruptAndReturnsStillEndsInTimeoutExceededException() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Thread advancer = new Thread(() -> {
            try {
                entered.await();
                clock.advance(ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        advancer.start();

        assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException swallowed) {
                // a body that ignores interrupts
            }
            return "late value";
        }));
        advancer.join(TimeUnit.SECONDS.toMillis(10));

        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void aBodyThatReturnsNormallyAfterTheClockPassedTheDeadlineEndsInTimeoutExceededException() {
        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            clock.advance(ofMillis(1500));
            return "too late";
        }));

        assertEquals(ofSeconds(1), e.getTimeout());
        assertEquals(0, e.getSuppressed().length);
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt flag is cleared afterwards");
    }

    @Test
    void theClockDecidesEvenWhenTheTimerHasNotFiredYet() {
        Timer late = (delay, action) -> () -> {
        };
        TimeoutStrategy<Object> s = new TimeoutStrategy<>(Invocation::proceed, METHOD, new TimeoutPolicy(SECOND),
                clock, late, listener);

        assertThrows(TimeoutExceededException.class, () -> s.call(() -> {
            clock.advance(ofMillis(1001));
            return "too late";
        }));
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(List.of(new TimedOut(METHOD, ofSeconds(1))), listener.events());
    }

    @Test
    void aFailureThrownPastTheDeadlineBecomesTimeoutExceededWithTheFailureSuppressed() {
        IOException failure = new IOException();

        TimeoutExceededException e = assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            clock.advance(ofSeconds(2));
            throw failure;
        }));

        assertEquals(List.of(failure), List.of(e.getSuppressed()));
    }

    @Test
    void theInterruptNeverLeaksIntoTheNextCallOnTheSameThread() throws Exception {
        assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            clock.advance(ofSeconds(2));
            return null;
        }));

        AtomicBoolean interruptedInNextBody = new AtomicBoolean(true);
        assertEquals("next", strategy.call(() -> {
            interruptedInNextBody.set(Thread.currentThread().isInterrupted());
            return "next";
        }));
        assertFalse(interruptedInNextBody.get());
    }

    @Test
    void anInterruptThatIsNotTheTimeoutsIsLeftForTheCaller() throws Exception {
        assertEquals("value", strategy.call(() -> {
            Thread.currentThread().interrupt(); // someone else wants this thread to stop
            return "value";
        }));

        assertTrue(Thread.interrupted(), "an interrupt the timeout did not cause is not swallowed");
    }

    @Test
    void anInterruptFromElsewhereBeforeTheDeadlineStaysSetWhenTheCallTimesOut() throws Exception {
        Thread caller = Thread.currentThread();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch deadlinePassed = new CountDownLatch(1);
        Thread elsewhere = new Thread(() -> {
            try {
                entered.await();
                caller.interrupt(); // at 20 ms: someone else asks the caller to stop
                clock.advance(ofMillis(20));
                clock.advance(ofMillis(980)); // the deadline: the watchdog fires
                deadlinePassed.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        elsewhere.start();

        assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            entered.countDown();
            while (deadlinePassed.getCount() > 0) {
                Thread.onSpinWait(); // a body that never looks at its interrupt flag
            }
            return "late value";
        }));
        elsewhere.join(TimeUnit.SECONDS.toMillis(10));

        assertTrue(Thread.interrupted(), "the interrupt from elsewhere is the caller's to see, not the timeout's");
    }

    @Test
    void anInterruptFromElsewhereWhileTheBodyIsBlockedIsKeptWhenTheCallTimesOut() throws Exception {
        Thread caller = Thread.currentThread();
        CountDownLatch entered = new CountDownLatch(1);
        Thread elsewhere = new Thread(() -> {
            try {
                entered.await();
                caller.interrupt();
                clock.advance(ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            elsewhere.start();
            entered.countDown();
            // Blocked in uninterruptible work: sees neither interrupt, notes that it was asked to stop.
            while (timer.pending() > 0) {
                Thread.onSpinWait();
            }
            return "late value";
        }));
        elsewhere.join(TimeUnit.SECONDS.toMillis(10));

        assertTrue(Thread.interrupted(), "the flag set from elsewhere survives the timeout");
    }

    @Test
    void theWatchdogArmedAtTheStartFiresAtTheDeadlineNotBefore() throws Exception {
        AtomicReference<Boolean> interruptedAt999 = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAt1000 = new AtomicReference<>();

        assertThrows(TimeoutExceededException.class, () -> strategy.call(() -> {
            clock.advance(ofMillis(999));
            interruptedAt999.set(Thread.currentThread().isInterrupted());
            clock.advance(ofMillis(1));
            interruptedAt1000.set(Thread.currentThread().isInterrupted());
            return null;
        }));

        assertFalse(interruptedAt999.get());
        assertTrue(interruptedAt1000.get());
    }

    @Test
    void policyRejectsANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new TimeoutPolicy(0));
        assertThrows(IllegalArgumentException.class, () -> new TimeoutPolicy(-1));
    }

    @Test
    void constructorRejectsMissingCollaborators() {
        TimeoutPolicy p = new TimeoutPolicy(SECOND);
        assertThrows(NullPointerException.class,
                () -> new TimeoutStrategy<Object>(null, METHOD, p, clock, timer, listener));
        assertThrows(NullPointerException.class,
                () -> new TimeoutStrategy<Object>(Invocation::proceed, METHOD, p, null, timer, listener));
        assertThrows(NullPointerException.class,
                () -> new TimeoutStrategy<Object>(Invocation::proceed, METHOD, p, clock, null, listener));
    }
}
