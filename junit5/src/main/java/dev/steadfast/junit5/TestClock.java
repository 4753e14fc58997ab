package dev.steadfast.junit5;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Steadfast's time in a test run by {@link WithFaultTolerance}: it stands still until the test moves it, so a test of
 * "opens after 5 failures, recovers after 30 s" runs in milliseconds. Resolved as a test (or lifecycle, or
 * constructor) parameter; one clock per test class, shared by its tests and by every Steadfast container started
 * under the extension.
 *
 * <p>What runs on it: circuit-breaker delays (OPEN to HALF_OPEN), rate-limit windows and spacing, timeouts,
 * asynchronous retry delays, bulkhead {@code maxWait}, slow-call thresholds, {@code maxDuration} budgets and the
 * timestamps of state transitions. What happens at a given time happens when {@link #advance(Duration)} passes it,
 * on the thread that advances.
 *
 * <p>Synchronous retry delays do not block: the retrying thread moves the clock forward by the delay itself (so a
 * retry with a 10 s delay takes no real time, and whatever falls due within those 10 s, such as a breaker's move to
 * HALF_OPEN, happens during it). Each one is recorded in {@link #sleeps()}.
 *
 * <p>A method body that takes real time does not move this clock: to make a call "slow" (for {@code @Timeout} or a
 * slow-call threshold), advance the clock from inside the fake dependency the body calls. A synchronous timeout
 * then fires on that thread, and the caller gets {@code TimeoutExceededException} when the body returns.
 *
 * <p>Thread-safe.
 */
public final class TestClock {

    private final VirtualTime time;
    private final BooleanSupplier attached;
    private volatile Instant testStart;

    TestClock(Instant origin, BooleanSupplier attached) {
        this.time = new VirtualTime(origin);
        this.attached = attached;
        this.testStart = origin;
    }

    /**
     * Moves time forward by {@code duration} and runs, on this thread, every timer task that falls due on the way,
     * in deadline order, each with the clock reading its own deadline: a breaker whose OPEN delay ends within it is
     * HALF_OPEN afterwards, an asynchronous retry due within it has been dispatched, a timeout due within it has
     * fired.
     *
     * @throws IllegalArgumentException when {@code duration} is negative
     * @throws IllegalStateException    when no Steadfast container runs on this clock (the container was started
     *                                  before the extension was active, or has been shut down): advancing would
     *                                  change nothing the test could observe
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("TestClock.advance: time only moves forward, not by " + duration);
        }
        if (!attached.getAsBoolean()) {
            throw new IllegalStateException("TestClock.advance(" + duration + "): no Steadfast container runs on this"
                    + " clock. " + FaultToleranceTestExtension.NO_ENGINE_HINT);
        }
        time.advanceTo(time.nanoTime() + duration.toNanos());
    }

    /** {@link #advance(Duration)} by {@code amount} {@code unit}s, e.g. {@code advance(30, ChronoUnit.SECONDS)}. */
    public void advance(long amount, TemporalUnit unit) {
        advance(Duration.of(amount, unit));
    }

    /**
     * The current time as Steadfast sees it (in the timestamps of breaker transitions, for instance). It started at
     * the real time when the test class started and has moved only as far as the tests moved it since; it never goes
     * back, also not between tests.
     */
    public Instant instant() {
        return time.instant();
    }

    /** How far the clock has moved since the current test started. */
    public Duration elapsed() {
        return Duration.between(testStart, time.instant());
    }

    /** Every synchronous retry delay taken since the current test started (in virtual time), oldest first. */
    public List<Duration> sleeps() {
        return time.sleeps().stream().map(Duration::ofNanos).toList();
    }

    /** Timer tasks scheduled and not yet due or cancelled (open breakers' timers, pending timeouts and retries). */
    public int pendingTasks() {
        return time.pending();
    }

    /**
     * Waits, in real time, until at least {@code count} timer tasks are pending. For asynchronous calls: their retry
     * delays and timeouts are scheduled on another thread, so advancing the clock before they are scheduled would
     * pass them by; wait for them first:
     * <pre>{@code
     * CompletionStage<String> result = client.chargeLater("order-5"); // first attempt fails on another thread
     * clock.awaitPendingTasks(1, Duration.ofSeconds(10));            // its retry is now waiting on the clock
     * clock.advance(Duration.ofSeconds(5));                            // and runs
     * }</pre>
     *
     * @throws TimeoutException     when fewer were pending after {@code timeout} of real time
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitPendingTasks(int count, Duration timeout) throws InterruptedException, TimeoutException {
        if (!time.awaitPending(count, timeout.toNanos())) {
            throw new TimeoutException("TestClock.awaitPendingTasks: " + time.pending() + " timer task(s) pending"
                    + " after " + timeout + ", not " + count);
        }
    }

    /** A test starts: {@link #elapsed()} and {@link #sleeps()} count from now. */
    void startTest() {
        time.clearSleeps();
        testStart = time.instant();
    }

    VirtualTime time() {
        return time;
    }

    @Override
    public String toString() {
        return "TestClock[" + instant() + ", elapsed " + elapsed() + "]";
    }
}
