package dev.steadfast.engine.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.ComponentHealth;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.TimeoutExceededException;
import dev.steadfast.engine.Interruption;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.time.Clock;
import dev.steadfast.engine.time.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The component checks of one engine, and how they run (docs/degradation.md):
 * <ul>
 * <li>Every run is handed to the asynchronous executor, with the engine's thread context (the CDI request context)
 *     active; never the caller's thread (a check that ignores interrupts would hang the report) and never the timer's
 *     (it arms each run's deadline and a schedule's ticks; a tick {@linkplain Timer#handOff hands off} the start of
 *     its run, and a deadline only completes the run's result, which nothing waits on with a callback, and
 *     interrupts).</li>
 * <li>A run not answered by its deadline, counted from when it was handed over (a run stuck in the executor's queue
 *     times out too), is FAILING with {@link TimeoutExceededException}, and its thread is interrupted. One that throws
 *     is FAILING with the exception's class name; one that answers {@code null}, with {@link NullPointerException}.</li>
 * <li>At most one run per check is under way: until a run's body has ended (even after its deadline) no other run of
 *     that check starts, so a hung component holds one thread, not one per report or tick.</li>
 * <li>On demand (interval zero), {@link #report()} starts a run of each check that is not busy and waits for them
 *     all; concurrent reports share the runs under way. On a schedule, the first run starts at registration and then
 *     one per interval (a tick that finds the check busy skips); a report shows the latest finished run, with its
 *     age, and waits only for a check that has never finished one.</li>
 * </ul>
 * So a report waits at most one check timeout (the longest), whatever the checks do. Thread-safe and lock-free:
 * registrations are a concurrent map, each check's runs one {@link AtomicReference} that a CAS moves to a new run.
 */
public final class ComponentChecks implements AutoCloseable {

    private final Clock clock;
    private final Timer timer;
    private final Supplier<Executor> executor;
    private final ThreadContext context;
    private final Map<String, Registered> checks = new ConcurrentHashMap<>();
    private volatile CheckSettings defaults = CheckSettings.DEFAULTS;
    private volatile boolean closed;

    /**
     * @param clock    stamps each run and measures results' age
     * @param timer    arms the runs' deadlines and the schedules' ticks
     * @param executor supplies, when the first run starts, where the checks run
     * @param context  prepares the executor's thread for a check
     */
    public ComponentChecks(Clock clock, Timer timer, Supplier<Executor> executor, ThreadContext context) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The interval and timeout of checks registered from now on that do not name their own. */
    public void defaults(CheckSettings settings) {
        this.defaults = Objects.requireNonNull(settings, "settings");
    }

    /** The settings checks get when they name none. */
    public CheckSettings defaults() {
        return defaults;
    }

    /**
     * Registers {@code check}; a scheduled one starts its first run now (on the executor).
     *
     * @throws IllegalArgumentException naming the check, the value and the rule, when its name is blank or taken, or
     *                                  its interval or timeout is not allowed
     * @throws IllegalStateException    when the engine has stopped
     */
    public FaultToleranceHealth.Registration register(ComponentCheck check) {
        Objects.requireNonNull(check, "check");
        if (closed) {
            throw new IllegalStateException("Steadfast has been shut down; component check " + check
                    + " cannot be registered");
        }
        String name = check.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Component check " + check.getClass().getName()
                    + " has a blank name; name() must return the component's name");
        }
        CheckSettings d = defaults;
        Duration interval = own(check.interval(), d.interval(), check, "interval");
        Duration timeout = own(check.timeout(), d.timeout(), check, "timeout");
        rule(name, CheckSettings.intervalRule(interval));
        rule(name, CheckSettings.timeoutRule(timeout));
        Registered r = new Registered(check, name, interval.toNanos(), timeout.toNanos());
        Registered known = checks.putIfAbsent(name, r);
        if (known != null) {
            throw new IllegalArgumentException("Component check '" + name + "' (" + check.getClass().getName()
                    + ") has the name of a check already registered (" + known.check.getClass().getName()
                    + "); names must be unique");
        }
        if (r.scheduled()) {
            r.firstTick();
        }
        return r;
    }

    private static Duration own(Optional<Duration> value, Duration fallback, ComponentCheck check, String what) {
        Objects.requireNonNull(value, () -> check.getClass().getName() + "." + what + "() returned null");
        return value.orElse(fallback);
    }

    private static void rule(String name, String broken) {
        if (broken != null) {
            throw new IllegalArgumentException("Component check '" + name + "': " + broken);
        }
    }

    /** Whether any check is registered. */
    public boolean isEmpty() {
        return checks.isEmpty();
    }

    /**
     * The latest result of every check, by name; runs the checks that run on demand first, and waits at most their
     * timeout (see the class comment).
     */
    public Map<String, ComponentHealth> report() {
        if (checks.isEmpty()) {
            return Map.of();
        }
        // Start every on-demand run before waiting for any, so that they run at once and the wait is one timeout.
        List<Registered> all = new ArrayList<>(checks.values());
        List<Run> shown = new ArrayList<>(all.size());
        for (Registered r : all) {
            shown.add(r.forReport());
        }
        Map<String, ComponentHealth> result = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            Run run = shown.get(i);
            // Bounded: every run's future is completed by its body, its deadline, a refusal or close().
            Outcome o = run.result.join();
            result.put(all.get(i).name, new ComponentHealth(all.get(i).name, o.status, o.failure, run.startedAt,
                    Duration.ofNanos(Math.max(0, clock.nanoTime() - run.startNanos))));
        }
        return result;
    }

    /** Stops every schedule, ends every run under way as FAILING and interrupts it. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Registered r : checks.values()) {
            r.stop();
        }
    }

    /** What one run found. */
    private record Outcome(HealthStatus status, Optional<String> failure) {

        static Outcome answered(HealthStatus status) {
            return new Outcome(status, Optional.empty());
        }

        static Outcome failing(Class<?> failure) {
            return new Outcome(HealthStatus.FAILING, Optional.of(failure.getName()));
        }
    }

    /** One registered check: its runs and, when scheduled, its ticks. */
    private final class Registered implements FaultToleranceHealth.Registration {

        final ComponentCheck check;
        final String name;
        final long intervalNanos;
        final long timeoutNanos;
        /** The run started last; replaced only by a CAS from a run whose body has ended. */
        final AtomicReference<Run> latest = new AtomicReference<>();
        /** The run whose result a scheduled report shows: the finished one with the highest sequence number. */
        final AtomicReference<Run> lastFinished = new AtomicReference<>();
        final AtomicLong sequence = new AtomicLong();
        volatile Timer.Task nextTick;
        volatile boolean removed;

        Registered(ComponentCheck check, String name, long intervalNanos, long timeoutNanos) {
            this.check = check;
            this.name = name;
            this.intervalNanos = intervalNanos;
            this.timeoutNanos = timeoutNanos;
        }

        boolean scheduled() {
            return intervalNanos > 0;
        }

        /** The run whose result the report shows; starts one when the check runs on demand and is not busy. */
        Run forReport() {
            if (scheduled()) {
                Run finished = lastFinished.get();
                if (finished != null) {
                    return finished;
                }
                // None published as finished yet: show the run under way. It may be one whose result is complete but
                // not yet published (finish() completes the result, then publishes it), or whose body has just ended:
                // starting another would run a scheduled check for a report. Its result is bounded: body, deadline,
                // refusal or close() completes it. Start the first only if registration has not got to it yet.
                Run current = latest.get();
                if (current != null) {
                    return current;
                }
            }
            return startUnlessBusy();
        }

        /**
         * A new run, unless the latest one's body has not ended: then that one (still pending, or already FAILING by
         * its deadline). Read once, CAS once: a loser re-reads and gets the run the winner started, so concurrent
         * reports share one run and never start two.
         */
        Run startUnlessBusy() {
            while (true) {
                Run current = latest.get();
                if (current != null && !current.ended) {
                    return current;
                }
                Run next = new Run(this, sequence.incrementAndGet());
                if (latest.compareAndSet(current, next)) {
                    next.start();
                    return next;
                }
            }
        }

        /** On the registering thread: the first run at once, then the ticks. */
        void firstTick() {
            startUnlessBusy();
            armNextTick();
        }

        /**
         * On the timer's thread: arms the next tick and hands the start of a run off. Starting one gives it to the
         * executor, which is the application's and may block or run the task in place: that never happens on the
         * timer's thread.
         */
        void tick() {
            if (removed || closed) {
                return;
            }
            timer.handOff(this::dispatch);
            armNextTick();
        }

        /** Off the timer's thread: starts a run unless the check is busy or gone. */
        private void dispatch() {
            if (!removed && !closed) {
                startUnlessBusy();
            }
        }

        private void armNextTick() {
            if (removed || closed) {
                return;
            }
            try {
                nextTick = timer.schedule(intervalNanos, this::tick);
            } catch (RejectedExecutionException stopped) {
                // The engine's timer has stopped: so has the application, and the schedule with it.
            }
        }

        /** A run of this check finished: it becomes the one shown, unless a later one finished first. */
        void finished(Run run) {
            lastFinished.accumulateAndGet(run, (shown, candidate) ->
                    shown == null || candidate.seq > shown.seq ? candidate : shown);
        }

        /** No more ticks; a run under way ends on its own. */
        void unschedule() {
            removed = true;
            Timer.Task t = nextTick;
            if (t != null) {
                t.cancel();
            }
        }

        /** The application stops: no more ticks, and a run under way ends now. */
        void stop() {
            unschedule();
            Run r = latest.get();
            if (r != null) {
                r.abandon();
            }
        }

        @Override
        public void close() {
            unschedule();
            checks.remove(name, this);
        }

        @Override
        public String toString() {
            return "ComponentCheck[" + name + "]";
        }
    }

    /**
     * One run of one check: handed to the executor, raced by its deadline on the timer. Whichever completes
     * {@link #result} first decides the outcome; the body's own end is tracked apart ({@link #ended}), so a run that
     * timed out still counts as busy until its thread has left the check.
     */
    private final class Run implements Runnable {

        final Registered owner;
        final long seq;
        final long startNanos;
        final Instant startedAt;
        final CompletableFuture<Outcome> result = new CompletableFuture<>();
        /** Whether the body has ended, or will never run; written once, by whichever thread ends it. */
        volatile boolean ended;
        /** The body's thread while it runs the check, for the deadline to interrupt. */
        private volatile Interruption running;
        private volatile Timer.Task deadline;

        Run(Registered owner, long seq) {
            this.owner = owner;
            this.seq = seq;
            this.startNanos = clock.nanoTime();
            this.startedAt = clock.instant();
        }

        /** Arms the deadline, then hands the body to the executor; a refusal of either is the run's FAILING outcome. */
        void start() {
            if (closed) {
                refused(RejectedExecutionException.class);
                return;
            }
            try {
                deadline = timer.schedule(owner.timeoutNanos, this::timedOut);
                executor.get().execute(this);
            } catch (RuntimeException refusal) {
                Timer.Task d = deadline;
                if (d != null) {
                    d.cancel();
                }
                refused(refusal.getClass());
            }
        }

        private void refused(Class<?> why) {
            ended = true;
            finish(Outcome.failing(why));
        }

        /** On the timer's thread: the deadline passed. Completes and interrupts; runs no user code. */
        private void timedOut() {
            finish(Outcome.failing(TimeoutExceededException.class));
            Interruption i = running;
            if (i != null) {
                i.run();
            }
        }

        /** The application stops: the run ends FAILING now, and its body, if running, is interrupted. */
        void abandon() {
            finish(Outcome.failing(RejectedExecutionException.class));
            Interruption i = running;
            if (i != null) {
                i.run();
            }
        }

        /** On the executor's thread: runs the check, unless its deadline has passed while it waited. */
        @Override
        public void run() {
            Interruption interruption = new Interruption();
            running = interruption;
            // Published before this check: a deadline that this check misses sees `running` and interrupts us, and
            // Interruption#finish below clears that interrupt, so none leaks into the executor's next task.
            if (result.isDone()) {
                running = null;
                interruption.finish();
                ended = true;
                return;
            }
            Object token = null;
            Outcome outcome;
            VirtualMachineError fatal = null;
            try {
                token = context.activate();
                HealthStatus status = owner.check.check();
                outcome = status == null ? Outcome.failing(NullPointerException.class) : Outcome.answered(status);
            } catch (Throwable t) {
                outcome = Outcome.failing(t.getClass());
                fatal = t instanceof VirtualMachineError e ? e : null;
            }
            running = null;
            interruption.finish();
            Timer.Task d = deadline;
            if (d != null) {
                d.cancel();
            }
            try {
                context.deactivate(token);
            } finally {
                // Ended before the result is published: a report woken by this result that starts the next run
                // finds this one over, so reports in a row each get a run of their own.
                ended = true;
                finish(outcome);
            }
            if (fatal != null) {
                throw fatal;
            }
        }

        private void finish(Outcome outcome) {
            if (result.complete(outcome)) {
                owner.finished(this);
            }
        }
    }
}
