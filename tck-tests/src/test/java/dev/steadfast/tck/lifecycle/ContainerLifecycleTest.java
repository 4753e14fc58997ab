package dev.steadfast.tck.lifecycle;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No thread starts until a policy needs one; the container's shutdown stops all (docs/threads-and-lifecycle.md): an
 * application redeployed many times must not collect threads.
 */
class ContainerLifecycleTest {

    private static final int CYCLES = 50;
    /** Threads the JVM itself may add meanwhile (JIT, GC, the virtual-thread scheduler, JUnit, Weld). */
    private static final int MARGIN = 4;

    @Test
    void startingAndStoppingTheContainerFiftyTimesLeavesNoSteadfastThreadBehind() throws Exception {
        cycle(); // the first use loads classes and may start the JVM's own shared threads; count from here
        assertTrue(awaitNoSteadfastThreads(), () -> "still alive after the first cycle: " + steadfastThreads());
        int before = liveThreads().size();

        for (int i = 0; i < CYCLES; i++) {
            cycle();
        }

        assertTrue(awaitNoSteadfastThreads(), () -> "still alive after " + CYCLES + " cycles: " + steadfastThreads());
        int after = awaitThreadCountAtMost(before + MARGIN);
        assertTrue(after <= before + MARGIN,
                () -> "live threads grew from " + before + " to " + after + ": " + liveThreads());
    }

    @Test
    void aDeploymentWithoutGuardedCallsStartsNoSteadfastThread() throws Exception {
        assertTrue(awaitNoSteadfastThreads(), () -> "left over by an earlier test: " + steadfastThreads());

        try (TestContainer c = TestContainer.start(GuardedCalls.class, Unguarded.class)) {
            assertEquals("plain", c.select(Unguarded.class).call());
            assertEquals("unguarded", c.select(GuardedCalls.class).unguarded());

            assertEquals(List.of(), steadfastThreads(), "nothing needed a Steadfast thread yet");
        }
    }

    @Test
    void theFirstGuardedCallThatNeedsTheTimerStartsItAndShutdownStopsIt() throws Exception {
        assertTrue(awaitNoSteadfastThreads(), () -> "left over by an earlier test: " + steadfastThreads());

        try (TestContainer c = TestContainer.start(GuardedCalls.class)) {
            assertEquals("timed", c.select(GuardedCalls.class).timed());
            assertTrue(steadfastThreads().stream().anyMatch(t -> t.getName().equals("steadfast-timer")),
                    () -> "a timeout needs the timer thread: " + steadfastThreads());
        }

        assertTrue(awaitNoSteadfastThreads(), () -> "still alive after shutdown: " + steadfastThreads());
    }

    /** One deployment, a few guarded calls that use the timer and the asynchronous executor, and shutdown. */
    private static void cycle() throws Exception {
        try (TestContainer c = TestContainer.start(GuardedCalls.class)) {
            GuardedCalls calls = c.select(GuardedCalls.class);
            for (int i = 0; i < 3; i++) {
                assertEquals("timed", calls.timed());
                String thread = calls.async().toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertTrue(thread.startsWith("steadfast-async-"), "ran on " + thread);
            }
        }
    }

    /** Live platform threads whose name starts with {@code steadfast-}. */
    private static List<Thread> steadfastThreads() {
        return liveThreads().stream().filter(t -> t.getName().startsWith("steadfast-")).toList();
    }

    private static List<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).toList();
    }

    /** Waits up to 5 s for every Steadfast thread to end. */
    private static boolean awaitNoSteadfastThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!steadfastThreads().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Waits up to 5 s for the live thread count to drop to {@code limit}; returns the last count seen. */
    private static int awaitThreadCountAtMost(int limit) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int count;
        while ((count = liveThreads().size()) > limit && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        return count;
    }
}
