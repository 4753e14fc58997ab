package dev.steadfast.engine.retry;

import dev.steadfast.RetryAfterHint;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Computes the delay before each retry: the backoff curve, then the relative and the absolute jitter, then the {@code maxDelay} cap, then at least
 * what the failure's {@link RetryAfterHint} asks for. Stateless; one instance per policy.
 */
final class Delays {

    private final RetryPolicy policy;
    private final DoubleSupplier random;

    Delays(RetryPolicy policy, DoubleSupplier random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * @param retry   1 for the first retry
     * @param failure the failure of the attempt before it, or {@code null} for a rejected result
     */
    long delayNanos(int retry, Throwable failure) {
        double d = base(retry);
        double jitter = policy.jitter();
        if (jitter > 0) {
            d *= 1 - jitter + 2 * jitter * random.getAsDouble();
        }
        long absolute = policy.jitterNanos();
        if (absolute > 0) {
            d = Math.max(0, d + (2 * random.getAsDouble() - 1) * absolute);
        }
        long nanos = d >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) d;
        if (policy.maxDelayNanos() > 0) {
            nanos = Math.min(nanos, policy.maxDelayNanos());
        }
        return Math.max(nanos, hintNanos(failure));
    }

    private double base(int retry) {
        double delay = policy.delayNanos();
        return switch (policy.backoff()) {
            case CONSTANT -> delay;
            case EXPONENTIAL -> delay * Math.pow(policy.factor(), retry - 1);
            case FIBONACCI -> delay * fibonacci(retry);
        };
    }

    /** F(1) = F(2) = 1; saturates where a long would overflow, long past any useful delay. */
    static double fibonacci(int n) {
        double a = 1;
        double b = 1;
        for (int i = 2; i < n && b < 1e300; i++) {
            double next = a + b;
            a = b;
            b = next;
        }
        return n <= 1 ? 1 : b;
    }

    private static long hintNanos(Throwable failure) {
        if (failure instanceof RetryAfterHint hint) {
            Optional<Duration> after = hint.retryAfter();
            if (after != null && after.isPresent() && !after.get().isNegative()) {
                return saturatedNanos(after.get());
            }
        }
        return 0;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
