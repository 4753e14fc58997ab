package dev.steadfast.redis;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, in real time, for a condition that the fleet reaches asynchronously. */
final class Eventually {

    private Eventually() {
    }

    /** Polls {@code condition} every 5 ms for at most {@code seconds}; fails with {@code what} if it never holds. */
    static void await(double seconds, BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + seconds + " s: " + what.get());
            }
            Thread.sleep(5);
        }
    }
}
