package dev.steadfast.tck.timeout;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Timeouts cost no thread per call ({@code docs/annotations.md}): one shared timer thread serves them all. */
@EnableWeld
class TimeoutThreadsTest {

    private static final int CALLS = 10_000;
    /** Threads the JVM itself may add meanwhile (JIT, GC, JUnit). */
    private static final int MARGIN = 3;

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(QuickService.class);

    @Inject
    QuickService service;

    @Test
    void tenThousandTimedCallsUseOneTimerThreadAndNoOtherThread() {
        long timersBefore = timerThreads();
        int threadsBefore = Thread.activeCount();

        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            sum += service.twice(i);
        }

        assertEquals((long) CALLS * (CALLS - 1), sum, "every call returned its result");
        long newTimers = timerThreads() - timersBefore;
        assertTrue(newTimers <= 1, "new steadfast-timer threads: " + newTimers + " in " + threadNames());
        int threadsAfter = Thread.activeCount();
        assertTrue(threadsAfter <= threadsBefore + MARGIN,
                () -> "live threads grew from " + threadsBefore + " to " + threadsAfter + ": " + threadNames());
    }

    private static long timerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("steadfast-timer")).count();
    }

    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList();
    }
}
