package dev.steadfast;

import java.time.Duration;
import java.util.Objects;

/**
 * A fallback answered in place of a failed call: the caller got a degraded answer. Fired as a CDI event (observe it
 * with {@code @Observes FallbackApplied}; fired only when some observer method observes it), heard by every
 * {@link dev.steadfast.spi.GuardRecorder} of the operation, and carried by a {@link Degraded} answer as its
 * {@linkplain Degraded#reason() reason}. An observer that throws is logged and never breaks the guarded call.
 *
 * @param method   the guarded method, as {@code com.acme.Quotes#fetch(String)}, or the programmatic guard's name
 * @param failure  the failure the fallback answered for, as the caller would have received it (a
 *                 {@link RetryExhaustedException} when retries ran out)
 * @param fallback which fallback of the chain answered: the fallback method's name ({@code cachedQuote}), the
 *                 handler's class name, or a programmatic guard's handler name ({@code handler-1} unless named)
 * @param position that fallback's place in the chain, 1 for the first
 * @param elapsed  how long the guarded part took, from entering the guard to the failure: every attempt and delay,
 *                 not the fallbacks
 */
public record FallbackApplied(String method, Throwable failure, String fallback, int position, Duration elapsed) {

    /** Checks the arguments. */
    public FallbackApplied {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(elapsed, "elapsed");
        if (position < 1) {
            throw new IllegalArgumentException("position starts at 1: " + position);
        }
    }

    /**
     * {@code FallbackApplied[com.acme.Quotes#fetch(String) answered by cachedQuote (1) after java.io.IOException in
     * PT1.2S]}: the failure by its class only, never its message.
     */
    @Override
    public String toString() {
        return "FallbackApplied[" + method + " answered by " + fallback + " (" + position + ") after "
                + failure.getClass().getName() + " in " + elapsed + "]";
    }
}
