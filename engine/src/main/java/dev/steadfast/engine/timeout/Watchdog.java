package dev.steadfast.engine.timeout;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timer action of one synchronous call: interrupts the caller at the deadline unless the call finished first.
 *
 * <p>Two threads race to move the state out of PENDING: the timer (to INTERRUPTING) and the caller (to DONE). Exactly
 * one CAS wins. If the caller wins, the timer does nothing, so no interrupt can leak into the caller's next work. If
 * the timer wins, the caller waits (a few instructions) for FIRED, which the timer sets only after
 * {@code Thread.interrupt()} returned, and then clears the flag: the interrupt can never land after it was cleared.
 */
final class Watchdog extends AtomicInteger implements Runnable {

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int FIRED = 3;

    private final Thread caller;

    Watchdog(Thread caller) {
        this.caller = caller;
    }

    @Override
    public void run() {
        if (compareAndSet(PENDING, INTERRUPTING)) {
            caller.interrupt();
            set(FIRED);
        }
    }

    /**
     * Called by the caller when the body returned or threw.
     *
     * @return {@code true} when the watchdog had fired (the interrupt flag is then cleared)
     */
    boolean finish() {
        if (compareAndSet(PENDING, DONE)) {
            return false;
        }
        while (get() != FIRED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }
}
