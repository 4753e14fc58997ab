package dev.steadfast.impl.cdi;

import dev.steadfast.BreakerKeyFunction;
import dev.steadfast.FallbackHandler;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.GuardPolicy;
import dev.steadfast.engine.breaker.BreakerKeySelector;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.KeyedBreakerPolicy;
import dev.steadfast.engine.bulkhead.AdaptiveLimitPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.fallback.FallbackFunction;
import dev.steadfast.engine.fallback.FallbackPolicy;
import dev.steadfast.engine.retry.RetryBudgetPolicy;
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
    /** The rate limiter's own name, {@code null} for an unnamed one. */
    String rateLimitName;
    /** Where the rate limiter is registered: its name, or {@code <class>#<method>}; set once every plan is known. */
    String rateLimitRegistryName;
    RateLimitPolicy rateLimit;
    TimeoutPolicy timeout;
    BulkheadPolicy bulkhead;
    FallbackPlan fallback;
    /** The retry budget's own name, {@code null} for the method's own budget. */
    String retryBudgetName;
    RetryBudgetPolicy retryBudget;
    /** Where the budget is registered: its name, or {@code <class>#<method>}; set once every plan is known. */
    String budgetRegistryName;
    AdaptiveLimitPolicy adaptiveBulkhead;
    /** A keyed breaker's bounds; {@code null} for an unkeyed breaker. */
    KeyedBreakerPolicy breakerKeys;
    /** The {@code @BreakerKey} parameter's index, or {@code -1} when {@link #keyFunction} computes the key. */
    int keyParameter = -1;
    Class<? extends BreakerKeyFunction> keyFunction;

    MethodPlan(Class<?> beanClass, Method method, String name, boolean returnsStage) {
        this.beanClass = beanClass;
        this.method = method;
        this.name = name;
        this.returnsStage = returnsStage;
    }

    boolean isEmpty() {
        return !asynchronous && retry == null && breaker == null && rateLimit == null && timeout == null
                && bulkhead == null && fallback == null && adaptiveBulkhead == null;
    }

    /**
     * @throws IllegalArgumentException when a handler or predicate cannot be instantiated; the message says why
     */
    GuardPolicy toPolicy(Instances instances) {
        return GuardPolicy.builder(name).returnsStage(returnsStage).asynchronous(asynchronous)
                .fallback(fallback == null ? null : fallback.toPolicy(this, instances))
                .retry(retry == null ? null : retry.toPolicy(this, instances))
                .breaker(registryName, breaker).rateLimit(rateLimitRegistryName, rateLimit).timeout(timeout)
                .bulkhead(bulkhead)
                .retryBudget(budgetRegistryName, retry == null ? null : retryBudget)
                .adaptiveBulkhead(adaptiveBulkhead)
                .breakerKeys(breaker == null ? null : breakerKeys, breaker == null ? null : keySelector(instances))
                .build();
    }

    /** How a call's key is found: its {@code @BreakerKey} argument, or the key function of its arguments. */
    private BreakerKeySelector keySelector(Instances instances) {
        if (breakerKeys == null) {
            return null;
        }
        if (keyFunction == null) {
            return BreakerKeySelector.argument(keyParameter);
        }
        BreakerKeyFunction f;
        try {
            f = instances.of(keyFunction);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@KeyedBreaker.keyFunction on " + name + ": " + e.getMessage(), e);
        }
        return invocation -> f.keyOf(invocation.arguments());
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
