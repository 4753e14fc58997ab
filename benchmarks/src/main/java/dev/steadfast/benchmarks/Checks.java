package dev.steadfast.benchmarks;

import java.util.concurrent.Callable;

/**
 * Set-up checks: every benchmark state proves, before it is measured, that its guard is wired as described (the happy
 * path returns the body's result, a rejecting guard really rejects), so a misconfiguration fails the run instead of
 * measuring something else.
 */
public final class Checks {

    private Checks() {
    }

    /** Calls once and demands the body's result. */
    public static void returnsResult(String library, Callable<?> call) {
        Object result;
        try {
            result = call.call();
        } catch (Exception e) {
            throw new IllegalStateException(library + ": the happy path failed", e);
        }
        if (!Work.RESULT.equals(result)) {
            throw new IllegalStateException(library + ": the happy path returned " + result + ", not " + Work.RESULT);
        }
    }

    /** Calls once and demands a rejection of the given type. */
    public static void rejectsWith(String library, Class<? extends Throwable> rejection, Callable<?> call) {
        Object result;
        try {
            result = call.call();
        } catch (Throwable e) {
            if (rejection.isInstance(e)) {
                return;
            }
            throw new IllegalStateException(library + ": expected " + rejection.getName() + ", got " + e, e);
        }
        throw new IllegalStateException(library + ": expected " + rejection.getName() + ", got the result " + result);
    }

    /** Runs {@code calls} failing calls, ignoring what they throw (to open a circuit breaker). */
    public static void fail(int calls, Callable<?> call) {
        for (int i = 0; i < calls; i++) {
            try {
                call.call();
            } catch (Exception expected) {
                // the failure the breaker counts
            }
        }
    }
}
