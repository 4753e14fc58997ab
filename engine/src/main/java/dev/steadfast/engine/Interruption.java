package dev.steadfast.engine;

import dev.steadfast.engine.time.Timer;

/**
 * A one-shot, race-free interrupt of one thread while it runs one piece of work: a timeout's watchdog, or the
 * cancellation of an asynchronous body. Only its own interrupt is cleared afterwards: an interrupt that came from
 * elsewhere stays set for the thread's owner to see.
 *
 * <p>Two threads race to move the state out of PENDING: the interrupter ({@link #run()}, to INTERRUPTING) and the
 * owner ({@link #finish()}, to DONE). Exactly one CAS wins. If the owner wins, the interrupter does nothing, so no
 * interrupt can leak into whatever the thread does next. If the interrupter wins, it looks at the thread's flag
 * first: already set means someone else interrupted the thread, so it does not interrupt and moves to FOUND_SET;
 * otherwise it interrupts and moves to FIRED, only after {@code Thread.interrupt()} returned. The owner waits (a few
 * instructions) for one of those two and clears the flag only after FIRED, so the interrupt can never land after it
 * was cleared, and an earlier interrupt from elsewhere is never cleared. (An interrupt from elsewhere that lands in
 * the same instant as this one, after the look and before the owner clears, cannot be told apart from it.)
 *
 * <p>It is also a timeout's {@link Timer.Entry}: the timer expires it ({@link #run()}) at the deadline unless the
 * owner's {@link #finish()} moved it out of PENDING first, which is all the cancelling a timeout needs. One object per
 * timed call, of 32 bytes (the entry's deadline, link and state, and the owner).
 */
public final class Interruption extends Timer.Entry implements Runnable {

    private static final int DONE = 1;
    private static final int INTERRUPTING = 2;
    private static final int FIRED = 3;
    private static final int FOUND_SET = 4;

    private final Thread owner;

    /** For the work the current thread is about to do. */
    public Interruption() {
        this(Thread.currentThread());
    }

    /** For the work {@code owner} is about to do. */
    public Interruption(Thread owner) {
        this.owner = owner;
    }

    /** Interrupts the owner, unless its work has finished. Safe from any thread, any number of times. */
    @Override
    public void run() {
        if (compareAndSetState(PENDING, INTERRUPTING)) {
            if (owner.isInterrupted()) {
                setState(FOUND_SET); // someone else's interrupt: it stays the owner's to see, and is enough to stop the work
            } else {
                owner.interrupt();
                setState(FIRED);
            }
        }
    }

    /**
     * Called by the owner when its work is over; afterwards {@link #run()} does nothing.
     *
     * @return {@code true} when it had fired (its own interrupt, if it made one, is then cleared; one from elsewhere
     *         is left set)
     */
    public boolean finish() {
        if (compareAndSetState(PENDING, DONE)) {
            return false;
        }
        int s;
        while ((s = state()) == INTERRUPTING) {
            Thread.onSpinWait();
        }
        if (s == FIRED) {
            Thread.interrupted();
        }
        return true;
    }

    /** The timeout's deadline, on the timer's thread: {@link #run()}. */
    @Override
    protected void expire() {
        run();
    }
}
