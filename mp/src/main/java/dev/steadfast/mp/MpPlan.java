package dev.steadfast.mp;

import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.timeout.TimeoutPolicy;

import java.lang.reflect.Method;

/**
 * What the annotations and config make of one guarded method, validated: the policies the engine understands plus
 * the fallback, which is turned into functions only once every bean exists. A {@code null} policy is absent or
 * switched off.
 */
final class MpPlan {

    final Class<?> beanClass;
    final Method method;
    final String name;
    MpOperation.Kind kind = MpOperation.Kind.SYNC;
    RetryPolicy retry;
    BreakerPolicy breaker;
    TimeoutPolicy timeout;
    BulkheadPolicy bulkhead;
    /** A {@code FallbackHandler} class, or {@code null}. */
    Class<?> fallbackHandler;
    /** A fallback method, or {@code null}. */
    Method fallbackMethod;
    ExceptionMatcher fallbackOn;

    MpPlan(Class<?> beanClass, Method method) {
        this.beanClass = beanClass;
        this.method = method;
        this.name = MpNames.of(beanClass, method);
    }

    boolean hasFallback() {
        return fallbackHandler != null || fallbackMethod != null;
    }

    boolean isEmpty() {
        return kind == MpOperation.Kind.SYNC && retry == null && breaker == null && timeout == null
                && bulkhead == null && !hasFallback();
    }
}
