package dev.steadfast;

import java.util.function.Predicate;

/** The default {@link Retry#retryOnResult()}: accepts no result, so only failures are retried. */
public final class NoResultRetry implements Predicate<Object> {

    /** Creates the predicate; it holds no state. */
    public NoResultRetry() {
    }

    /** Always {@code false}. */
    @Override
    public boolean test(Object result) {
        return false;
    }
}
