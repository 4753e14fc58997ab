package dev.steadfast.engine.fallback;

import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.time.Clock;

import java.time.Duration;

/** How long the guarded part of a call took, for {@link dev.steadfast.FallbackApplied#elapsed()}. */
final class Elapsed {

    private Elapsed() {
    }

    /**
     * From {@code start} (the strategy's own reading) or else the invocation's start, to now; zero when neither was
     * read. Called on the failure path only, when the guarded part has just failed.
     */
    static Duration since(long start, Invocation<?> invocation, Clock clock) {
        long begun = start != Invocation.UNTIMED ? start : invocation.startNanos();
        return begun == Invocation.UNTIMED ? Duration.ZERO : Duration.ofNanos(Math.max(0, clock.nanoTime() - begun));
    }
}
