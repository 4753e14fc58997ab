package dev.steadfast.engine.time;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The timer thread's wake-up hand-off: {@link ThreadTimer#schedule} signals the parked thread only when the new task
 * is a head it would otherwise oversleep (the thread records how it is parked). One timer for the whole run; its
 * head is a task an hour away, so the thread sits in a timed wait until then. A task due now must wake it: the
 * actor waits for that task to run.
 */
@JCStressTest(Mode.Termination)
@Description("ThreadTimer: a task due now, scheduled while the thread waits for a later head, wakes the thread")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the timer woke up and ran the task")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "a lost wake-up: the timer sleeps past a task that is due")
@State
public class ThreadTimerWakeUpStressTest {

    /** Nothing in this test hands work off; a hand-off would run on a thread of its own, never the timer's. */
    private static final ThreadTimer TIMER = new ThreadTimer("steadfast-jcstress-timer",
            task -> new Thread(task, "steadfast-jcstress-hand-off").start());

    static {
        TIMER.schedule(TimeUnit.HOURS.toNanos(1), () -> { }); // the head the thread waits for
    }

    private final CountDownLatch ran = new CountDownLatch(1);

    @Actor
    public void caller() throws InterruptedException {
        ran.await();
    }

    @Signal
    public void schedule() {
        TIMER.schedule(0, ran::countDown);
    }
}
