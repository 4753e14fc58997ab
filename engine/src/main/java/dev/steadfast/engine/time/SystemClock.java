package dev.steadfast.engine.time;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** The real clock: {@code System.nanoTime()}, {@code Instant.now()} and {@code TimeUnit.sleep}. */
public final class SystemClock implements Clock {

    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }
}
