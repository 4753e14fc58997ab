package dev.steadfast.tck.support;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the real clock brings about, polling up to a generous deadline instead of sleeping blind. */
public final class Eventually {

    private static final long DEADLINE_MILLIS = 10_000;

    private Eventually() {
    }

    public static void await(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + DEADLINE_MILLIS + " ms: " + what.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
        }
    }
}
