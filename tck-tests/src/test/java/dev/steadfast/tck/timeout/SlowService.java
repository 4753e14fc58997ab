package dev.steadfast.tck.timeout;

import dev.steadfast.Asynchronous;
import dev.steadfast.Timeout;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Methods that take too long, in the ways a method can: sleeping, ignoring interrupts, never completing a stage. */
@ApplicationScoped
public class SlowService {

    private final AtomicBoolean interruptSeen = new AtomicBoolean();

    public boolean interruptSeen() {
        return interruptSeen.get();
    }

    /** Sleeps 5 s; an interrupt ends the sleep with {@code InterruptedException}. */
    @Timeout(100)
    public String sleepy() throws InterruptedException {
        Thread.sleep(5_000);
        return "woke up";
    }

    /** Busy for 300 ms whatever happens: notes an interrupt but neither stops nor clears it, then returns a value. */
    @Timeout(50)
    public String stubborn() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() - end < 0) {
            if (Thread.currentThread().isInterrupted()) {
                interruptSeen.set(true);
            }
            Thread.onSpinWait();
        }
        return "finished anyway";
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public String fast(String input) {
        return "fast " + input;
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public String failsFast() throws IOException {
        throw new IOException("refused");
    }

    /** Returns a stage that never completes. */
    @Timeout(100)
    public CompletionStage<String> never() {
        return new CompletableFuture<>();
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public CompletionStage<String> stageInTime() {
        return CompletableFuture.completedFuture("in time");
    }

    /** Runs on the asynchronous executor and sleeps 5 s there. */
    @Asynchronous
    @Timeout(100)
    public CompletionStage<String> sleepyAsync() throws InterruptedException {
        Thread.sleep(5_000);
        return CompletableFuture.completedFuture("woke up");
    }
}
