package dev.steadfast.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-shot, race-free interrupt of one thread while it runs one piece of work: a timeout's watchdog, or the
 * cancellation of an asynchronous body.
 *
 * <p>Two threads race to move the state out of PENDING: the interrupter ({@link #run()}, to INTERRUPTING) and the
 * owner ({@link #finish()}, to DONE). Exactly one CAS wins. If the owner wins, the interrupter does nothing, so no
 * interrupt can leak into whatever the thread does next. If the interrupter wins, the owner waits (a few instructions)
 * for FIRED, which is set only after {@code Thread.interrupt()} returned, and then clears the flag: the interrupt can
 * never land after it was cleared.
 */
public final class Interruption extends AtomicInteger implements Runnable {

    private static final long serialVersionUID = 1L;

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int FIRED = 3;

    private final transient Thread owner;

    /** For the work the current thread is about to do. */
    public Interruption() {
        this.owner = Thread.currentThread();
    }

    /** Interrupts the owner, unless its work has finished. Safe from any thread, any number of times. */
    @Override
    public void run() {
        if (compareAndSet(PENDING, INTERRUPTING)) {
            owner.interrupt();
            set(FIRED);
        }
    }

    /**
     * Called by the owner when its work is over; afterwards {@link #run()} does nothing.
     *
     * @return {@code true} when it had been interrupted (the interrupt flag is then cleared)
     */
    public boolean finish() {
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
