package dev.steadfast.engine.health;

import dev.steadfast.ClusterStatus;
import dev.steadfast.ComponentCheck;
import dev.steadfast.ComponentHealth;
import dev.steadfast.FaultToleranceHealth;
import dev.steadfast.HealthStatus;
import dev.steadfast.SystemHealth;
import dev.steadfast.engine.Engine;
import dev.steadfast.engine.EngineListener;
import dev.steadfast.engine.async.ThreadContext;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.time.ManualClock;
import dev.steadfast.engine.time.ManualTimer;
import dev.steadfast.engine.time.SystemClock;
import dev.steadfast.engine.time.ThreadTimer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static dev.steadfast.HealthStatus.DEGRADED;
import static dev.steadfast.HealthStatus.FAILING;
import static dev.steadfast.HealthStatus.HEALTHY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Component checks (docs/degradation.md): on demand or on a schedule, on the executor and never the caller's or the
 * timer's thread, a hung check FAILING at its timeout (never a hung report), a throwing one FAILING with its type, at
 * most one run at a time. Time is a manual clock; checks run on real executor threads, held with latches.
 */
class ComponentChecksTest {

    private static final long WAIT_SECONDS = 10;

    private final ManualClock clock = new ManualClock();
    private final ManualTimer timer = new ManualTimer(clock);
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(
            r -> new Thread(r, "checks-" + threads.incrementAndGet()));
    private final ComponentChecks checks = new ComponentChecks(clock, timer, () -> pool, ThreadContext.NONE);

    @AfterEach
    void stopPool() {
        checks.close();
        pool.shutdownNow();
    }

    /** A check with a name, a script of answers, and a record of where and how often it ran. */
    static class Scripted implements ComponentCheck {

        final String name;
        final List<String> ranOn = new CopyOnWriteArrayList<>();
        volatile Answer answer;
        Optional<Duration> interval = Optional.empty();
        Optional<Duration> timeout = Optional.empty();

        interface Answer {
            HealthStatus get() throws Exception;
        }

        Scripted(String name, Answer answer) {
            this.name = name;
            this.answer = answer;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public HealthStatus check() throws Exception {
            ranOn.add(Thread.currentThread().getName());
            return answer.get();
        }

        @Override
        public Optional<Duration> interval() {
            return interval;
        }

        @Override
        public Optional<Duration> timeout() {
            return timeout;
        }

        int runs() {
            return ranOn.size();
        }
    }

    /** A check that parks until released, ignoring interrupts, and says whether it was interrupted. */
    static final class Hanging extends Scripted {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean interrupted;

        Hanging(String name) {
            super(name, null);
            answer = () -> {
                started.countDown();
                while (true) {
                    try {
                        if (release.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                            return HEALTHY;
                        }
                        throw new AssertionError("never released");
                    } catch (InterruptedException e) {
                        interrupted = true; // and goes on hanging: the worst kind of check
                    }
                }
            };
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT_SECONDS + " s: " + what);
            }
            Thread.sleep(2);
        }
    }

    private static ComponentHealth answered(String name, HealthStatus status, ManualClock at, Duration age) {
        return new ComponentHealth(name, status, Optional.empty(), at.instant().minus(age), age);
    }

    @Test
    void onDemandEachReportRunsTheCheckOnTheExecutorNotOnTheCallersThread() {
        Scripted db = new Scripted("database", () -> HEALTHY);
        checks.register(db);

        assertEquals(Map.of("database", answered("database", HEALTHY, clock, Duration.ZERO)), checks.report());
        db.answer = () -> DEGRADED;
        assertEquals(DEGRADED, checks.report().get("database").status());

        assertEquals(2, db.runs(), "one run per report");
        assertTrue(db.ranOn.stream().allMatch(t -> t.startsWith("checks-")), db.ranOn::toString);
    }

    @Test
    void aThrowingCheckIsFailingWithTheExceptionsTypeAndNotItsMessage() {
        checks.register(new Scripted("database", () -> {
            throw new SQLException("jdbc:postgresql://db:5432/shop?password=hunter2");
        }));

        ComponentHealth h = checks.report().get("database");

        assertEquals(FAILING, h.status());
        assertEquals(Optional.of("java.sql.SQLException"), h.failure());
    }

    @Test
    void aCheckAnsweringNullIsFailingWithNullPointerException() {
        checks.register(new Scripted("disk", () -> null));

        assertEquals(Optional.of("java.lang.NullPointerException"), checks.report().get("disk").failure());
    }

    @Test
    void aHungCheckIsFailingAtItsTimeoutAndItsThreadIsInterrupted() throws Exception {
        Hanging downstream = new Hanging("downstream");
        checks.register(downstream);
        Scripted disk = new Scripted("disk", () -> HEALTHY);
        disk.timeout = Optional.of(Duration.ofMinutes(1)); // answers whenever its thread gets to it
        checks.register(disk);

        CompletableFuture<Map<String, ComponentHealth>> report = CompletableFuture.supplyAsync(checks::report);
        assertTrue(downstream.started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(report.isDone(), "the report waits for the check, until its timeout");
        clock.advance(Duration.ofSeconds(2)); // the default timeout

        Map<String, ComponentHealth> r = report.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(new ComponentHealth("downstream", FAILING, Optional.of("dev.steadfast.TimeoutExceededException"),
                clock.instant().minusSeconds(2), Duration.ofSeconds(2)), r.get("downstream"));
        assertEquals(HEALTHY, r.get("disk").status(), "the other checks answered meanwhile");
        await(() -> downstream.interrupted, "the hung check's thread is interrupted");
        downstream.release.countDown();
    }

    @Test
    void aCheckStillBusyFromAnEarlierRunIsNotStartedAgain() throws Exception {
        Hanging downstream = new Hanging("downstream");
        checks.register(downstream);
        CompletableFuture<Map<String, ComponentHealth>> first = CompletableFuture.supplyAsync(checks::report);
        assertTrue(downstream.started.await(WAIT_SECONDS, TimeUnit.SECONDS));
        CompletableFuture<Map<String, ComponentHealth>> second = CompletableFuture.supplyAsync(checks::report);
        clock.advance(Duration.ofSeconds(2));
        assertEquals(FAILING, first.get(WAIT_SECONDS, TimeUnit.SECONDS).get("downstream").status());
        assertEquals(FAILING, second.get(WAIT_SECONDS, TimeUnit.SECONDS).get("downstream").status());

        clock.advance(Duration.ofSeconds(30));
        ComponentHealth later = checks.report().get("downstream");

        assertEquals(1, downstream.runs(), "one thread on the hung component, whatever the number of reports");
        assertEquals(Optional.of("dev.steadfast.TimeoutExceededException"), later.failure());
        assertEquals(Duration.ofSeconds(32), later.age(), "the age of the run still under way");

        downstream.release.countDown();
        await(() -> {
            ComponentHealth h = checks.report().get("downstream");
            return h.status() == HEALTHY;
        }, "a new run once the hung one has ended");
        assertEquals(2, downstream.runs());
    }

    @Test
    void concurrentReportsShareTheRunUnderWay() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Scripted slow = new Scripted("slow", () -> {
            release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            return HEALTHY;
        });
        checks.register(slow);
        List<CompletableFuture<Map<String, ComponentHealth>>> reports = new CopyOnWriteArrayList<>();
        List<Thread> callers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Map<String, ComponentHealth>> r = new CompletableFuture<>();
            reports.add(r);
            Thread t = new Thread(() -> r.complete(checks.report()), "reporter-" + i);
            callers.add(t);
            t.start();
        }

        await(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING),
                "every reporter waiting for the run");
        release.countDown();
        for (CompletableFuture<Map<String, ComponentHealth>> r : reports) {
            assertEquals(HEALTHY, r.get(WAIT_SECONDS, TimeUnit.SECONDS).get("slow").status());
        }

        assertEquals(1, slow.runs(), "three reports, one run");
    }

    @Test
    void aScheduledCheckRunsAtRegistrationThenEveryIntervalAndReportsShowTheLatestWithItsAge() throws Exception {
        Scripted disk = new Scripted("disk", () -> HEALTHY);
        disk.interval = Optional.of(Duration.ofSeconds(30));
        checks.register(disk);
        assertEquals(HEALTHY, checks.report().get("disk").status(), "waits for the first run, started at registration");
        assertEquals(1, disk.runs());

        clock.advance(Duration.ofSeconds(10));
        disk.answer = () -> FAILING;
        ComponentHealth h = checks.report().get("disk");
        assertEquals(HEALTHY, h.status(), "a report shows the cached result and runs nothing");
        assertEquals(Duration.ofSeconds(10), h.age());
        assertEquals(1, disk.runs());

        clock.advance(Duration.ofSeconds(20)); // the tick, 30 s after registration
        await(() -> checks.report().get("disk").status() == FAILING, "the scheduled run's result");
        assertEquals(2, disk.runs());
        assertEquals(Duration.ZERO, checks.report().get("disk").age());
        assertTrue(disk.ranOn.stream().allMatch(t -> t.startsWith("checks-")),
                "the tick only dispatched: " + disk.ranOn);
    }

    @Test
    void aScheduledCheckThatHasNeverFinishedARunMakesTheReportWaitAtMostItsTimeout() throws Exception {
        Hanging downstream = new Hanging("downstream");
        downstream.interval = Optional.of(Duration.ofMinutes(1));
        downstream.timeout = Optional.of(Duration.ofSeconds(5));
        checks.register(downstream);
        assertTrue(downstream.started.await(WAIT_SECONDS, TimeUnit.SECONDS));

        CompletableFuture<Map<String, ComponentHealth>> report = CompletableFuture.supplyAsync(checks::report);
        clock.advance(Duration.ofSeconds(5));

        assertEquals(FAILING, report.get(WAIT_SECONDS, TimeUnit.SECONDS).get("downstream").status());
        downstream.release.countDown();
    }

    @Test
    void aTickThatFindsTheCheckBusySkipsIt() throws Exception {
        Hanging downstream = new Hanging("downstream");
        downstream.interval = Optional.of(Duration.ofSeconds(10));
        downstream.timeout = Optional.of(Duration.ofSeconds(1));
        checks.register(downstream);
        assertTrue(downstream.started.await(WAIT_SECONDS, TimeUnit.SECONDS));

        clock.advance(Duration.ofSeconds(35)); // three ticks while it hangs

        assertEquals(1, downstream.runs());
        assertEquals(FAILING, checks.report().get("downstream").status());
        downstream.release.countDown();
        assertEquals(FAILING, checks.report().get("downstream").status(), "the timed-out result until a tick");
        await(() -> {
            clock.advance(Duration.ofSeconds(10)); // a tick, until one finds the released run over
            return checks.report().get("downstream").status() == HEALTHY;
        }, "a tick's run once the hung one has ended");
    }

    @Test
    void aRunWaitingInTheExecutorsQueueTimesOutTooAndNeverRunsLate() {
        List<Runnable> queued = new CopyOnWriteArrayList<>();
        ComponentChecks stuck = new ComponentChecks(clock, timer, () -> queued::add, ThreadContext.NONE);
        Scripted db = new Scripted("database", () -> HEALTHY);
        stuck.register(db);

        CompletableFuture<Map<String, ComponentHealth>> report = CompletableFuture.supplyAsync(stuck::report);
        while (queued.isEmpty()) {
            Thread.onSpinWait();
        }
        clock.advance(Duration.ofSeconds(2));

        assertEquals(Optional.of("dev.steadfast.TimeoutExceededException"), report.join().get("database").failure());
        queued.get(0).run(); // the executor gets round to it at last
        assertEquals(0, db.runs(), "a run past its deadline is skipped");
    }

    @Test
    void aRunTheExecutorRefusesIsFailingWithRejectedExecutionException() {
        ComponentChecks refusing = new ComponentChecks(clock, timer, () -> task -> {
            throw new RejectedExecutionException("full");
        }, ThreadContext.NONE);
        refusing.register(new Scripted("database", () -> HEALTHY));

        assertEquals(Optional.of("java.util.concurrent.RejectedExecutionException"),
                refusing.report().get("database").failure());
        assertEquals(0, timer.pending(), "its deadline is disarmed");
    }

    @Test
    void aCheckRunsInTheEnginesThreadContext() {
        List<String> activated = new CopyOnWriteArrayList<>();
        ComponentChecks withContext = new ComponentChecks(clock, timer, () -> pool, new ThreadContext() {
            @Override
            public Object activate() {
                activated.add("on " + Thread.currentThread().getName());
                return "token";
            }

            @Override
            public void deactivate(Object token) {
                activated.add("off " + token);
            }
        });
        withContext.register(new Scripted("database", () -> HEALTHY));

        withContext.report();

        assertEquals(2, activated.size(), activated::toString);
        assertTrue(activated.get(0).startsWith("on checks-"));
        assertEquals("off token", activated.get(1));
    }

    @Test
    void aCheckMayNameItsOwnTimeout() throws Exception {
        Hanging quick = new Hanging("quick");
        quick.timeout = Optional.of(Duration.ofMillis(300));
        checks.register(quick);
        CompletableFuture<Map<String, ComponentHealth>> report = CompletableFuture.supplyAsync(checks::report);
        assertTrue(quick.started.await(WAIT_SECONDS, TimeUnit.SECONDS));

        clock.advance(Duration.ofMillis(300));

        assertEquals(FAILING, report.get(WAIT_SECONDS, TimeUnit.SECONDS).get("quick").status());
        quick.release.countDown();
    }

    @Test
    void theDefaultsComeFromTheApplicationsSettings() throws Exception {
        checks.defaults(new CheckSettings(Duration.ofSeconds(15), Duration.ofSeconds(1)));
        Scripted disk = new Scripted("disk", () -> HEALTHY);
        checks.register(disk);
        checks.report(); // waits for the first run, at registration: scheduled by the application's interval
        assertEquals(1, disk.runs());

        clock.advance(Duration.ofSeconds(15));
        await(() -> disk.runs() == 2, "the next tick");
    }

    @Test
    void registrationRulesNameTheCheckTheValueAndTheRule() {
        checks.register(new Scripted("database", () -> HEALTHY));

        assertEquals("Component check 'database' (" + Scripted.class.getName() + ") has the name of a check already"
                        + " registered (" + Scripted.class.getName() + "); names must be unique",
                assertThrows(IllegalArgumentException.class,
                        () -> checks.register(new Scripted("database", () -> HEALTHY))).getMessage());
        assertEquals("Component check " + Scripted.class.getName() + " has a blank name; name() must return the"
                        + " component's name",
                assertThrows(IllegalArgumentException.class,
                        () -> checks.register(new Scripted(" ", () -> HEALTHY))).getMessage());
        Scripted zero = new Scripted("disk", () -> HEALTHY);
        zero.timeout = Optional.of(Duration.ZERO);
        assertEquals("Component check 'disk': timeout PT0S is not positive; a check needs some time to answer",
                assertThrows(IllegalArgumentException.class, () -> checks.register(zero)).getMessage());
        Scripted negative = new Scripted("disk", () -> HEALTHY);
        negative.interval = Optional.of(Duration.ofSeconds(-1));
        assertEquals("Component check 'disk': interval PT-1S is negative; use 0 to check on demand only",
                assertThrows(IllegalArgumentException.class, () -> checks.register(negative)).getMessage());
        assertEquals(List.of("database"), List.copyOf(checks.report().keySet()), "nothing half-registered");
    }

    @Test
    void closingARegistrationRemovesTheCheckAndStopsItsSchedule() throws Exception {
        Scripted disk = new Scripted("disk", () -> HEALTHY);
        disk.interval = Optional.of(Duration.ofSeconds(5));
        FaultToleranceHealth.Registration r = checks.register(disk);
        await(() -> disk.runs() == 1, "the first run");

        r.close();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(Map.of(), checks.report());
        assertEquals(1, disk.runs());
        assertEquals(0, timer.pending(), "no tick left armed");
        checks.register(new Scripted("disk", () -> HEALTHY)); // the name is free again
    }

    @Test
    void closingEndsTheRunsUnderWayAndStopsTheSchedules() throws Exception {
        Hanging downstream = new Hanging("downstream");
        downstream.interval = Optional.of(Duration.ofSeconds(5));
        checks.register(downstream);
        assertTrue(downstream.started.await(WAIT_SECONDS, TimeUnit.SECONDS));

        checks.close();

        await(() -> downstream.interrupted, "the run under way is interrupted");
        assertEquals(Optional.of("java.util.concurrent.RejectedExecutionException"),
                checks.report().get("downstream").failure());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, downstream.runs(), "no tick after close");
        assertThrows(IllegalStateException.class, () -> checks.register(new Scripted("late", () -> HEALTHY)));
        downstream.release.countDown();
    }

    @Test
    void theEnginesReportPutsComponentsBesideTheBreakersAndTheWorstWins() {
        Engine engine = new Engine(clock, timer, () -> pool, EngineListener.NONE, ThreadContext.NONE, () -> { });
        engine.breakers().getOrCreate("payments", BreakerPolicy.builder().build());
        assertEquals(new SystemHealth(HEALTHY, Map.of("payments", HEALTHY)), engine.health().report(),
                "without checks, the breakers' report");

        Scripted replica = new Scripted("replica", () -> DEGRADED);
        engine.health().register(replica);
        SystemHealth degraded = engine.health().report();
        assertEquals(DEGRADED, degraded.status());
        assertEquals(Map.of("payments", HEALTHY), degraded.breakers());
        assertEquals(DEGRADED, degraded.components().get("replica").status());

        engine.breakers().get("payments").forceOpen();
        assertEquals(FAILING, engine.health().report().status(), "an open breaker is worse than a degraded part");
        engine.breakers().get("payments").reset();
        replica.answer = () -> {
            throw new IllegalStateException();
        };
        assertEquals(FAILING, engine.health().report().status(), "a failing component is as bad as an open breaker");
        engine.close();
    }

    @Test
    void theClusterStatusAloneRunsNoCheckAndTheReportCarriesItBesideTheComponents() {
        Engine engine = new Engine(clock, timer, () -> pool, EngineListener.NONE, ThreadContext.NONE, () -> { });
        Scripted replica = new Scripted("replica", () -> DEGRADED);
        engine.health().register(replica);

        assertEquals(ClusterStatus.LOCAL, engine.health().clusterStatus());
        assertEquals(0, replica.ranOn.size(), "asking for the cluster status runs no on-demand check");
        SystemHealth r = engine.health().report();
        assertEquals(ClusterStatus.LOCAL, r.cluster(), "an engine without CLUSTER policies");
        assertEquals(DEGRADED, r.components().get("replica").status());
        assertEquals(1, replica.ranOn.size(), "the report runs it");
        engine.close();
    }

    @Test
    void onTheRealTimerAScheduledCheckNeverRunsOnTheTimerThreadAndStopsWithTheEngine() throws Exception {
        Engine engine = Engine.create(EngineListener.NONE, () -> pool, ThreadContext.NONE);
        Scripted disk = new Scripted("disk", () -> HEALTHY);
        disk.interval = Optional.of(Duration.ofMillis(20));
        engine.health().register(disk);
        await(() -> disk.runs() >= 3, "three scheduled runs");

        engine.close();
        int afterClose = disk.runs();
        Thread.sleep(200); // ten intervals: a schedule still running would show
        assertTrue(disk.runs() <= afterClose + 1, "at most a run already dispatched: " + disk.runs());
        assertTrue(disk.ranOn.stream().noneMatch(t -> t.contains("timer")), disk.ranOn::toString);
        assertNotEquals(0, disk.runs());
    }

    @Test
    void aTickHandsTheStartOfItsRunOffTheTimerThreadEvenWhenTheExecutorRunsTasksInPlace() throws Exception {
        // The worst executor for the timer: it runs every task on the thread that gives it. A tick that started its
        // run itself would run the check on the timer's thread; handed off, the run starts on a hand-off thread.
        ThreadTimer realTimer = new ThreadTimer("probe-timer", pool);
        Executor inPlace = Runnable::run;
        ComponentChecks scheduled = new ComponentChecks(SystemClock.INSTANCE, realTimer, () -> inPlace,
                ThreadContext.NONE);
        Scripted disk = new Scripted("disk", () -> HEALTHY);
        disk.interval = Optional.of(Duration.ofMillis(20));
        try {
            scheduled.register(disk);
            await(() -> disk.runs() >= 4, "four scheduled runs");
        } finally {
            scheduled.close();
            realTimer.shutdown();
        }
        assertEquals(Thread.currentThread().getName(), disk.ranOn.get(0), "the first run, at registration");
        List<String> ticks = disk.ranOn.subList(1, disk.ranOn.size());
        assertTrue(ticks.stream().allMatch(t -> t.startsWith("checks-")), ticks::toString);
    }
}
