package dev.steadfast.impl.cdi;

import dev.steadfast.FallbackHandler;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.timeout.TimeoutPolicy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What config made of the annotations of one guarded method: resolved and validated values, with the classes that
 * still need instances (handlers, result predicates) named but not yet instantiated; {@link #toPolicy} does that
 * once the container can provide beans.
 */
final class MethodPlan {

    final Class<?> beanClass;
    final Method method;
    final String name;
    final boolean returnsStage;

    boolean asynchronous;
    RetryPlan retry;
    /** The breaker's own name, {@code null} for an unnamed one. */
    String breakerName;
    BreakerPolicy breaker;
    /** Where the breaker is registered: its name, or {@code <class>#<method>}; set once every plan is known. */
    String registryName;
    RateLimitPolicy rateLimit;
    TimeoutPolicy timeout;
    BulkheadPolicy bulkhead;
    FallbackPlan fallback;

    MethodPlan(Class<?> beanClass, Method method, String name, boolean returnsStage) {
        this.beanClass = beanClass;
        this.method = method;
        this.name = name;
        this.returnsStage = returnsStage;
    }

    boolean isEmpty() {
        return !asynchronous && retry == null && breaker == null && rateLimit == null && timeout == null
                && bulkhead == null && fallback == null;
    }

    /**
     * @throws IllegalArgumentException when a handler or predicate cannot be instantiated; the message says why
     */
    GuardPolicy toPolicy(Instances instances) {
        return GuardPolicy.builder(name).returnsStage(returnsStage).asynchronous(asynchronous)
                .fallback(fallback == null ? null : fallback.toPolicy(this, instances))
                .retry(retry == null ? null : retry.toPolicy(this, instances))
                .breaker(registryName, breaker).rateLimit(rateLimit).timeout(timeout).bulkhead(bulkhead).build();
    }

    /**
     * Retry values, checked, with the result predicate still a class; {@code retryOnResultKey} is the config key that
     * named it, {@code null} when the annotation does.
     */
    record RetryPlan(RetryPolicy.Builder values, Class<? extends Predicate<Object>> retryOnResult,
            String retryOnResultKey) {

        @SuppressWarnings("unchecked")
        RetryPolicy toPolicy(MethodPlan plan, Instances instances) {
            Predicate<Object> predicate = null;
            if (retryOnResult != dev.steadfast.NoResultRetry.class) {
                try {
                    predicate = (Predicate<Object>) instances.of(retryOnResult, retryOnResultKey);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("@Retry.retryOnResult on " + plan.name + ": "
                            + e.getMessage(), e);
                }
            }
            return values.retryOnResult(predicate).build();
        }
    }

    /**
     * A fallback: either a handler class or resolved methods; {@code handlerKey} is the config key that named the
     * handler, {@code null} when the annotation does.
     */
    record FallbackPlan(Class<?> handler, String handlerKey, List<Method> methods, ExceptionMatcher applyOn) {

        FallbackPolicy toPolicy(MethodPlan plan, Instances instances) {
            List<FallbackFunction<Object>> chain = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (handler != null) {
                FallbackHandler<?> h;
                try {
                    h = (FallbackHandler<?>) instances.of(handler, handlerKey);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("@Fallback.value on " + plan.name + ": " + e.getMessage(), e);
                }
                String name = plan.name;
                Method method = plan.method;
                chain.add((invocation, failure) -> h.handle(new CallContext(name, method, invocation.arguments(),
                        failure)));
                names.add(handler.getName());
            } else {
                for (Method m : methods) {
                    chain.add(FallbackMethods.function(m, plan.name, plan.method));
                    names.add(m.getName());
                }
            }
            return new FallbackPolicy(chain, applyOn, names, DegradedReturn.of(plan.method).flagged());
        }
    }
}
