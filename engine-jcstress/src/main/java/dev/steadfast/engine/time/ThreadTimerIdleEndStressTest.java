package dev.steadfast.engine.time;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import java.util.concurrent.CountDownLatch;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The timer thread's end, when idle, against an arm: {@link ThreadTimer}'s thread lets go of the timer (and exits)
 * once it has waited its idle time with nothing pending, while an arm pushes an entry and starts a thread only when it
 * sees none. Here the idle time is 1 ns, so the thread that served the set-up's entry is ending, or has ended, when
 * the entry due now is armed: either that thread sees the entry and takes the timer back, or the arm starts a new one.
 * The actor waits for the entry to run.
 */
@JCStressTest(Mode.Termination)
@Description("ThreadTimer: an arm that races with the idle thread's end is served, by that thread or a new one")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "a timer thread ran the entry")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "a lost arm: no timer thread serves an entry that is due")
@State
public class ThreadTimerIdleEndStressTest {

    private final ThreadTimer timer = new ThreadTimer("steadfast-jcstress-idle-timer",
            task -> new Thread(task, "steadfast-jcstress-hand-off").start(), 1);
    private final CountDownLatch ran = new CountDownLatch(1);

    public ThreadTimerIdleEndStressTest() {
        CountDownLatch first = new CountDownLatch(1);
        timer.schedule(0, first::countDown); // starts the thread, which ends 1 ns after it ran this
        boolean interrupted = false;
        while (first.getCount() > 0) {
            try {
                first.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Actor
    public void caller() throws InterruptedException {
        ran.await();
    }

    @Signal
    public void arm() {
        timer.schedule(0, ran::countDown);
    }
}
