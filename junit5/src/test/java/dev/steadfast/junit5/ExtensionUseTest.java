package dev.steadfast.junit5;

import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.junit5.sample.PaymentGateway;
import dev.steadfast.junit5.sample.PaymentsClient;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static dev.steadfast.CircuitState.FORCED_OPEN;
import static dev.steadfast.CircuitState.HALF_OPEN;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The extension used right and wrong, each way run as a test class of its own through the JUnit test kit. The nested
 * classes run only from here.
 */
class ExtensionUseTest {

    private static Weld weld() {
        return new Weld(UUID.randomUUID().toString()).disableDiscovery().addExtension(new SteadfastExtension())
                .addBeanClasses(PaymentsClient.class, PaymentGateway.class);
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    /** The container starts (weld-junit5, PER_CLASS) before the extension's callbacks run: nothing is hooked. */
    @EnableWeld
    @WithFaultTolerance
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class ContainerStartedFirst {

        @WeldSetup
        public WeldInitiator weld = WeldInitiator.from(weld()).build();

        TestClock clock;

        @Test
        void advances() {
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void advancingAClockNoContainerRunsOnFailsWithTheFix() {
        run(ContainerStartedFirst.class).assertThatEvents().haveExactly(1, event(test("advances"),
                finishedWithFailure(instanceOf(IllegalStateException.class),
                        message(m -> m.contains("no Steadfast container runs on this clock")
                                && m.contains("declare @WithFaultTolerance before @EnableWeld")))));
    }

    /** Real time: no clock to ask for. */
    @WithFaultTolerance(manualTime = false)
    static class RealTimeWithAClockField {

        TestClock clock;

        @Test
        void runs() {
        }
    }

    @Test
    void onRealTimeATestClockFieldIsAConfigurationError() {
        run(RealTimeWithAClockField.class).assertThatEvents().haveExactly(1, event(test("runs"),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.contains("manualTime = false")))));
    }

    /** Real time: breakers can still be forced, and state is still reset between tests. */
    @WithFaultTolerance(manualTime = false)
    static class RealTime {

        @Test
        void forcesABreakerOnARealTimeContainer(FaultToleranceControl control) throws Exception {
            WeldContainer c = weld().initialize();
            try {
                PaymentGateway gateway = c.select(PaymentGateway.class).get();
                PaymentsClient client = c.select(PaymentsClient.class).get();
                gateway.goDown();
                for (int i = 0; i < 5; i++) {
                    assertThrows(IOException.class, () -> client.charge("order"));
                }
                assertEquals(OPEN, control.breaker(PaymentsClient.class, "charge").state());
                long retryAfter = control.breaker(PaymentsClient.class, "charge").retryAfter().orElseThrow()
                        .toMillis();
                assertTrue(retryAfter > 20_000 && retryAfter <= 30_000, "real time passes: " + retryAfter);

                control.forceOpen("ledger");
                assertEquals(FORCED_OPEN, control.breaker("ledger").state());
            } finally {
                c.shutdown();
            }
        }
    }

    @Test
    void onRealTimeTheControlStillWorks() {
        run(RealTime.class).assertThatEvents()
                .haveExactly(1, event(test("forcesABreakerOnARealTimeContainer"), finishedSuccessfully()));
    }

    /** Registered with {@code @ExtendWith} instead of the annotation: manual time. */
    @ExtendWith(FaultToleranceTestExtension.class)
    static class ExtendedWith {

        @Test
        void runsOnTheTestClock(TestClock clock, FaultToleranceControl control) {
            WeldContainer c = weld().initialize();
            try {
                PaymentGateway gateway = c.select(PaymentGateway.class).get();
                gateway.goDown();
                for (int i = 0; i < 5; i++) {
                    assertThrows(IOException.class, () -> c.select(PaymentsClient.class).get().charge("order"));
                }
                clock.advance(Duration.ofSeconds(30));
                assertEquals(HALF_OPEN, control.breaker(PaymentsClient.class, "charge").state());
            } finally {
                c.shutdown();
            }
            assertThrows(IllegalStateException.class, () -> control.breaker("ledger"), "no container any more");
        }
    }

    @Test
    void extendWithAloneRunsOnManualTime() {
        run(ExtendedWith.class).assertThatEvents()
                .haveExactly(1, event(test("runsOnTheTestClock"), finishedSuccessfully()));
    }

    /** Records the threads of the class's callbacks and tests, to see where JUnit ran them. */
    @WithFaultTolerance
    static class UnderParallelExecution {

        static final java.util.Set<String> THREADS = java.util.concurrent.ConcurrentHashMap.newKeySet();
        static WeldContainer container;

        @org.junit.jupiter.api.BeforeAll
        static void start() {
            THREADS.add(Thread.currentThread().getName());
            container = weld().initialize();
        }

        @org.junit.jupiter.api.AfterAll
        static void stop() {
            container.shutdown();
        }

        @Test
        void first(TestClock clock, FaultToleranceControl control) {
            THREADS.add(Thread.currentThread().getName());
            control.forceOpen("ledger");
            clock.advance(Duration.ofSeconds(1));
        }

        @Test
        void second(TestClock clock, FaultToleranceControl control) {
            THREADS.add(Thread.currentThread().getName());
            control.forceOpen("ledger");
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void underParallelExecutionTheTestsOfAClassRunOnItsThreadOneAfterTheOther() {
        UnderParallelExecution.THREADS.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(UnderParallelExecution.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .execute().testEvents().assertStatistics(s -> s.started(2).succeeded(2));

        assertEquals(1, UnderParallelExecution.THREADS.size(), UnderParallelExecution.THREADS.toString());
    }

    /** A container started on another thread is not under the extension (the hook is per thread). */
    @WithFaultTolerance
    static class StartedOnAnotherThread {

        @Test
        void isNotHooked(FaultToleranceControl control) throws Exception {
            WeldContainer[] started = new WeldContainer[1];
            Thread t = new Thread(() -> started[0] = weld().initialize());
            t.start();
            t.join(60_000);
            try {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> control.breaker("ledger"));
                assertTrue(e.getMessage().contains("no Steadfast container is running under @WithFaultTolerance"),
                        e.getMessage());
            } finally {
                started[0].shutdown();
            }
        }
    }

    @Test
    void aContainerStartedOnAnotherThreadIsNotHooked() {
        run(StartedOnAnotherThread.class).assertThatEvents()
                .haveExactly(1, event(test("isNotHooked"), finishedSuccessfully()));
    }
}
