package dev.steadfast.mp.beans;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Broken definitions, one class each, for the validation tests. */
public final class Invalid {

    private Invalid() {
    }

    @Dependent
    public static class RetryDelayNotBelowMaxDuration {
        @Retry(delay = 1000, maxDuration = 500)
        public void call() {
        }
    }

    @Dependent
    public static class BreakerRatioAboveOne {
        @CircuitBreaker(failureRatio = 1.5)
        public void call() {
        }
    }

    @Dependent
    public static class BulkheadZero {
        @Bulkhead(0)
        public void call() {
        }
    }

    @Dependent
    public static class NegativeTimeout {
        @Timeout(-1)
        public void call() {
        }
    }

    @Dependent
    public static class AsynchronousString {
        @Asynchronous
        public String call() {
            return "";
        }
    }

    @Dependent
    public static class MissingFallbackMethod {
        @Fallback(fallbackMethod = "absent")
        public String call() {
            return "";
        }
    }

    @Dependent
    public static class FallbackMethodWithOtherParameters {
        @Fallback(fallbackMethod = "fallback")
        public String call(int a) {
            return "";
        }

        public String fallback(long a) {
            return "";
        }
    }
}
