package dev.steadfast.impl.cdi;

import dev.steadfast.Backoff;
import dev.steadfast.Bulkhead;
import dev.steadfast.RateLimit;
import dev.steadfast.RateLimitType;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.FallbackHandler;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.ratelimit.RateLimitPolicy;
import dev.steadfast.engine.timeout.TimeoutPolicy;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Turns the effective annotations of one method into a {@link MethodPlan}: every member resolved against config
 * (SPEC §4), every rule of SPEC §5 checked, every problem reported with the annotation, member, method, value (and
 * key) and rule. Runs once per guarded method at deployment.
 */
final class PolicyResolver {

    private final ConfigLookup config;
    private final boolean allEnabled;
    private final Problems problems;

    PolicyResolver(ConfigLookup config, boolean allEnabled, Problems problems) {
        this.config = config;
        this.allEnabled = allEnabled;
        this.problems = problems;
    }

    /** The plan of one method, or {@code null} when every policy on it is disabled. */
    MethodPlan resolve(Class<?> beanClass, Method method, Map<PolicyKind, Annotation> annotations) {
        String name = Signatures.describe(beanClass, method);
        boolean returnsStage = CompletionStage.class.isAssignableFrom(method.getReturnType());
        MethodPlan plan = new MethodPlan(beanClass, method, name, returnsStage);
        for (Map.Entry<PolicyKind, Annotation> e : annotations.entrySet()) {
            PolicyKind kind = e.getKey();
            MemberReader reader = reader(kind, beanClass, method, name, null);
            if (!enabled(kind, reader)) {
                continue;
            }
            switch (kind) {
                case RETRY -> plan.retry = retry((Retry) e.getValue(), reader);
                case TIMEOUT -> plan.timeout = timeout((Timeout) e.getValue(), reader);
                case CIRCUIT_BREAKER -> breaker((CircuitBreaker) e.getValue(), reader, plan, beanClass, method);
                case BULKHEAD -> plan.bulkhead = bulkhead((Bulkhead) e.getValue(), reader);
                case RATE_LIMIT -> plan.rateLimit = rateLimit((RateLimit) e.getValue(), reader);
                case FALLBACK -> plan.fallback = fallback((Fallback) e.getValue(), reader, beanClass, method);
                case ASYNCHRONOUS -> plan.asynchronous = asynchronous(reader, method);
            }
        }
        return plan.isEmpty() ? null : plan;
    }

    private MemberReader reader(PolicyKind kind, Class<?> beanClass, Method method, String where, String breaker) {
        return new MemberReader(config, kind, MemberReader.prefixes(kind, beanClass.getName(), method.getName(), breaker),
                where, problems, beanClass.getClassLoader());
    }

    /** {@code <annotation>.enabled}, most specific level first; {@code steadfast.enabled=false} spares only fallback. */
    private boolean enabled(PolicyKind kind, MemberReader reader) {
        if (!allEnabled && kind != PolicyKind.FALLBACK) {
            return false;
        }
        return reader.flag("enabled").orElse(true);
    }

    private MethodPlan.RetryPlan retry(Retry a, MemberReader r) {
        Value<Integer> maxRetries = r.integer("maxRetries", a.maxRetries());
        if (maxRetries.value() < -1) {
            r.problem("maxRetries", maxRetries, "is below -1; use -1 for no count limit");
        }
        Time delay = r.nanos("delay", a.delay(), "delayUnit", a.delayUnit());
        Value<Backoff> backoff = r.enumeration("backoff", a.backoff());
        Value<Double> factor = r.decimal("factor", a.factor());
        if (factor.value() < 1) {
            r.problem("factor", factor, "is below 1; a backoff factor must be at least 1");
        }
        Time maxDelay = r.nanos("maxDelay", a.maxDelay(), "maxDelayUnit", a.maxDelayUnit());
        if (!maxDelay.broken() && !delay.broken() && maxDelay.nanos() > 0 && maxDelay.nanos() < delay.nanos()) {
            r.problem("maxDelay", maxDelay, "is below delay " + delay.shownWithUnit()
                    + "; a cap must not be below the delay");
        }
        Value<Double> jitter = r.decimal("jitter", a.jitter());
        if (!(jitter.value() >= 0 && jitter.value() <= 1)) {
            r.problem("jitter", jitter, "is not within [0, 1]");
        }
        Time maxDuration = r.nanos("maxDuration", a.maxDuration(), "durationUnit", a.durationUnit());
        if (!maxDuration.broken() && !delay.broken() && maxDuration.nanos() > 0
                && maxDuration.nanos() <= delay.nanos()) {
            r.problem("maxDuration", maxDuration, "is not above delay " + delay.shownWithUnit()
                    + "; no retry could start within it");
        }
        if (maxRetries.value() == -1 && maxDuration.nanos() == 0 && !maxDuration.broken()) {
            r.problem("maxRetries", maxRetries, "(no count limit) needs a maxDuration, but maxDuration is 0;"
                    + " the retries would never end");
        }
        Value<List<Class<? extends Throwable>>> retryOn = r.classes("retryOn", a.retryOn());
        Value<List<Class<? extends Throwable>>> abortOn = r.classes("abortOn", a.abortOn());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Value<Class<? extends Predicate<Object>>> retryOnResult = (Value) r.type("retryOnResult",
                a.retryOnResult(), Predicate.class);
        return new MethodPlan.RetryPlan(Math.max(-1, maxRetries.value()), delay.nanos(), backoff.value(),
                Math.max(1, factor.value()), maxDelay.nanos(), clamp01(jitter.value()), maxDuration.nanos(),
                new ExceptionMatcher(retryOn.value(), abortOn.value()), retryOnResult.value(), retryOnResult.key());
    }

    /**
     * The breaker's name is read first (it may come from config too); a named breaker's members are then read with the
     * {@code steadfast.circuit-breaker."<name>".} level first.
     */
    private void breaker(CircuitBreaker a, MemberReader unnamed, MethodPlan plan, Class<?> beanClass, Method method) {
        String name = unnamed.string("name", a.name()).value().trim();
        MemberReader r = name.isEmpty() ? unnamed : reader(PolicyKind.CIRCUIT_BREAKER, beanClass, method, plan.name, name);
        Value<Integer> volume = r.integer("requestVolumeThreshold", a.requestVolumeThreshold());
        if (volume.value() < 1) {
            r.problem("requestVolumeThreshold", volume, "is below 1; the window needs at least one call");
        }
        Value<Double> ratio = r.decimal("failureRatio", a.failureRatio());
        if (!(ratio.value() >= 0 && ratio.value() <= 1)) {
            r.problem("failureRatio", ratio, "is not within [0, 1]");
        }
        Time delay = r.nanos("delay", a.delay(), "delayUnit", a.delayUnit());
        Value<Integer> successes = r.integer("successThreshold", a.successThreshold());
        if (successes.value() < 1) {
            r.problem("successThreshold", successes, "is below 1; closing needs at least one successful trial");
        }
        Value<Integer> trials = r.integer("halfOpenMaxCalls", a.halfOpenMaxCalls());
        if (trials.value() < 1) {
            r.problem("halfOpenMaxCalls", trials, "is below 1; HALF_OPEN needs at least one trial call");
        }
        Value<List<Class<? extends Throwable>>> failOn = r.classes("failOn", a.failOn());
        Value<List<Class<? extends Throwable>>> skipOn = r.classes("skipOn", a.skipOn());
        Time slow = r.nanos("slowCallThreshold", a.slowCallThreshold(), "slowCallUnit", a.slowCallUnit());
        plan.breakerName = name.isEmpty() ? null : name;
        plan.breaker = new BreakerPolicy(Math.max(1, volume.value()), clamp01(ratio.value()), delay.nanos(),
                Math.max(1, successes.value()), Math.max(1, trials.value()),
                new ExceptionMatcher(failOn.value(), skipOn.value()), slow.nanos());
    }

    private BulkheadPolicy bulkhead(Bulkhead a, MemberReader r) {
        Value<Integer> value = r.integer("value", a.value());
        if (value.value() < 1) {
            r.problem("value", value, "is below 1; a bulkhead must admit at least one call");
        }
        Value<Integer> queue = r.integer("waitingTaskQueue", a.waitingTaskQueue());
        if (queue.value() < 0) {
            r.problem("waitingTaskQueue", queue, "is negative; use 0 for no queue");
        }
        Time maxWait = r.nanos("maxWait", a.maxWait(), "maxWaitUnit", a.maxWaitUnit());
        return new BulkheadPolicy(Math.max(1, value.value()), Math.max(0, queue.value()), maxWait.nanos());
    }

    private RateLimitPolicy rateLimit(RateLimit a, MemberReader r) {
        Value<Integer> value = r.integer("value", a.value());
        if (value.value() < 1) {
            r.problem("value", value, "is below 1; a rate limit must admit at least one call per window");
        }
        Time window = r.nanos("window", a.window(), "windowUnit", a.windowUnit());
        if (window.nanos() == 0 && !window.broken()) {
            problems.add(r.subject("window") + window.shown() + " is 0; a window must be positive");
        }
        Time spacing = r.nanos("minSpacing", a.minSpacing(), "minSpacingUnit", a.minSpacingUnit());
        Value<RateLimitType> type = r.enumeration("type", a.type());
        if (type.value() == RateLimitType.ROLLING && value.value() > RateLimitPolicy.MAX_ROLLING_LIMIT) {
            r.problem("value", value, "is above " + RateLimitPolicy.MAX_ROLLING_LIMIT + ", the most a ROLLING window"
                    + " can track (it keeps one timestamp per call); use FIXED or SMOOTH for such limits");
            return null;
        }
        return new RateLimitPolicy(Math.max(1, value.value()), Math.max(1, window.nanos()), spacing.nanos(),
                type.value());
    }

    private TimeoutPolicy timeout(Timeout a, MemberReader r) {
        Time value = r.nanos("value", a.value(), "unit", a.unit());
        if (value.broken()) {
            return null;
        }
        if (value.nanos() == 0) {
            problems.add(r.subject("value") + value.shown() + " is 0; a timeout must be positive");
            return null;
        }
        return new TimeoutPolicy(value.nanos());
    }

    @SuppressWarnings("rawtypes")
    private MethodPlan.FallbackPlan fallback(Fallback a, MemberReader r, Class<?> beanClass, Method method) {
        Value<Class<? extends FallbackHandler>> handler = r.type("value", a.value(), FallbackHandler.class);
        Value<String> methodsValue = r.string("fallbackMethod", String.join(",", a.fallbackMethod()));
        List<String> names = new ArrayList<>();
        for (String n : methodsValue.value().split(",")) {
            if (!n.isBlank()) {
                names.add(n.trim());
            }
        }
        Value<List<Class<? extends Throwable>>> applyOn = r.classes("applyOn", a.applyOn());
        Value<List<Class<? extends Throwable>>> skipOn = r.classes("skipOn", a.skipOn());
        ExceptionMatcher matcher = new ExceptionMatcher(applyOn.value(), skipOn.value());
        boolean hasHandler = handler.value() != FallbackHandler.None.class;
        String subject = r.subject(hasHandler && names.isEmpty() ? "value" : "fallbackMethod");
        if (hasHandler && !names.isEmpty()) {
            problems.add(r.subject("value") + "a handler (" + handler.shown() + ") and fallbackMethod " + names
                    + " together; use one or the other");
            return null;
        }
        if (hasHandler) {
            if (!handlerFits(handler.value(), method)) {
                problems.add(subject + handler.shown() + " handles " + handledType(handler.value()).getTypeName()
                        + ", which is not assignable to " + method.getReturnType().getSimpleName());
                return null;
            }
            return new MethodPlan.FallbackPlan(handler.value(), handler.key(), List.of(), matcher);
        }
        if (names.isEmpty()) {
            problems.add(r.subject("value") + "names neither a handler nor a fallbackMethod");
            return null;
        }
        List<Method> methods = new ArrayList<>();
        for (String n : names) {
            Method m = FallbackMethods.find(beanClass, method, n, subject, problems);
            if (m != null) {
                methods.add(m);
            }
        }
        return methods.size() == names.size() ? new MethodPlan.FallbackPlan(null, null, methods, matcher) : null;
    }

    private boolean asynchronous(MemberReader r, Method method) {
        Class<?> rt = method.getReturnType();
        if (rt != CompletionStage.class && rt != CompletableFuture.class) {
            problems.add(r.kindSubject() + "returns " + rt.getSimpleName()
                    + "; an asynchronous method must return CompletionStage or CompletableFuture");
            return false;
        }
        return true;
    }

    /** Whether the handler's {@code FallbackHandler<T>} argument fits the method's return type (unknown T fits). */
    private static boolean handlerFits(Class<?> handler, Method method) {
        Type t = handledType(handler);
        if (!(t instanceof Class<?> handled) || method.getReturnType() == void.class) {
            return true;
        }
        return FallbackMethods.wrap(method.getReturnType()).isAssignableFrom(FallbackMethods.wrap(handled));
    }

    /** The {@code T} of {@code FallbackHandler<T>} as the handler class declares it, {@code Object} when unknown. */
    private static Type handledType(Class<?> handler) {
        for (Class<?> c = handler; c != null; c = c.getSuperclass()) {
            for (Type i : c.getGenericInterfaces()) {
                if (i instanceof ParameterizedType p && p.getRawType() == FallbackHandler.class) {
                    Type arg = p.getActualTypeArguments()[0];
                    return arg instanceof ParameterizedType pa ? pa.getRawType() : arg;
                }
            }
        }
        return Object.class;
    }

    private static double clamp01(double d) {
        return Math.min(1, Math.max(0, d));
    }
}
