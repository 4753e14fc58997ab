package dev.steadfast.engine.cluster;

/**
 * Test access to what the engine's fleet exchange uses internally (same package on the test class path): the offset
 * between a member's monotonic clock and the wall clock, which numbers fleet windows.
 */
public final class RuntimeProbe {

    private RuntimeProbe() {
    }

    /** Epoch nanoseconds minus {@code Clock.nanoTime()}, as {@code runtime} last measured it. */
    public static long offsetNanos(ClusterRuntime runtime) {
        return runtime.offsetNanos();
    }
}
