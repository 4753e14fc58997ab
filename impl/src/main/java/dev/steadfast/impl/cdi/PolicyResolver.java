package dev.steadfast.impl.cdi;

import dev.steadfast.AdaptiveBulkhead;
import dev.steadfast.BreakerKey;
import dev.steadfast.BreakerKeyFunction;
import dev.steadfast.Bulkhead;
import dev.steadfast.KeyedBreaker;
import dev.steadfast.RetryBudget;
import dev.steadfast.RateLimit;
import dev.steadfast.RateLimitType;
import dev.steadfast.Scope;
import dev.steadfast.CircuitBreaker;
import dev.steadfast.Fallback;
import dev.steadfast.FallbackHandler;
import dev.steadfast.Retry;
import dev.steadfast.Timeout;
import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.breaker.KeyedBreakerPolicy;
import dev.steadfast.engine.bulkhead.AdaptiveLimitPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.retry.RetryBudgetPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
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
 * (docs/configuration.md) and handed to the engine's policy, whose rules are checked there; every problem is
 * reported with the annotation, member, method, value (and key) and rule. Runs once per guarded method at deployment.
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
                case RATE_LIMIT -> rateLimit((RateLimit) e.getValue(), reader, plan, beanClass, method);
                case FALLBACK -> plan.fallback = fallback((Fallback) e.getValue(), reader, beanClass, method);
                case ASYNCHRONOUS -> plan.asynchronous = asynchronous(reader, method);
                case RETRY_BUDGET -> retryBudget((RetryBudget) e.getValue(), reader, plan, beanClass, method);
                case ADAPTIVE_BULKHEAD -> plan.adaptiveBulkhead = adaptiveBulkhead((AdaptiveBulkhead) e.getValue(),
                        reader);
                case KEYED_BREAKER -> {
                    // read with the breaker, below: its members need the breaker's name
                }
            }
        }
        overload(plan, annotations, beanClass, method);
        return plan.isEmpty() ? null : plan;
    }

    /**
     * The rules between the overload controls and the policies they work with: a retry budget rations a retry, an
     * adaptive bulkhead replaces a bulkhead, a keyed breaker keys a breaker by one {@code @BreakerKey} parameter or a
     * key function.
     */
    private void overload(MethodPlan plan, Map<PolicyKind, Annotation> annotations, Class<?> beanClass,
            Method method) {
        if (plan.retryBudget != null && plan.retry == null) {
            if (!annotations.containsKey(PolicyKind.RETRY)) {
                problems.add(PolicyKind.RETRY_BUDGET.display() + " on " + plan.name
                        + ": there is no @Retry to ration; add @Retry to the method, its class or a stereotype");
            }
            plan.retryBudget = null; // a disabled (or broken) retry has nothing to ration
        }
        if (annotations.containsKey(PolicyKind.ADAPTIVE_BULKHEAD) && annotations.containsKey(PolicyKind.BULKHEAD)) {
            problems.add(PolicyKind.ADAPTIVE_BULKHEAD.display() + " on " + plan.name
                    + ": together with @Bulkhead; a method has one concurrency limit, use one or the other");
            plan.adaptiveBulkhead = null;
        }
        List<Integer> keyParameters = new ArrayList<>();
        Annotation[][] parameters = method.getParameterAnnotations();
        for (int i = 0; i < parameters.length; i++) {
            for (Annotation a : parameters[i]) {
                if (a.annotationType() == BreakerKey.class) {
                    keyParameters.add(i);
                }
            }
        }
        boolean keyedAnnotation = annotations.containsKey(PolicyKind.KEYED_BREAKER);
        if (keyParameters.isEmpty() && !keyedAnnotation) {
            return;
        }
        String subject = (keyedAnnotation ? PolicyKind.KEYED_BREAKER.display() : "@BreakerKey") + " on " + plan.name
                + ": ";
        if (!annotations.containsKey(PolicyKind.CIRCUIT_BREAKER)) {
            problems.add(subject + "there is no @CircuitBreaker to key; add @CircuitBreaker to the method, its class or"
                    + " a stereotype");
            return;
        }
        if (keyParameters.size() > 1) {
            problems.add(subject + keyParameters.size() + " parameters are marked @BreakerKey (" + keyParameters
                    + "); mark one, or compute the key with @KeyedBreaker(keyFunction = ...)");
            return;
        }
        if (plan.breaker == null) {
            return; // the breaker is disabled, or broken and reported
        }
        if (plan.breaker.scope() == Scope.CLUSTER) {
            problems.add(subject + "@CircuitBreaker.scope is CLUSTER, but a keyed breaker keeps one breaker per key on"
                    + " each instance and is never shared by the fleet; use scope = LOCAL (the default) for a keyed"
                    + " breaker, or an unkeyed named breaker for a fleet-wide one");
            return;
        }
        KeyedBreaker a = keyedAnnotation ? (KeyedBreaker) annotations.get(PolicyKind.KEYED_BREAKER)
                : Defaults.class.getAnnotation(KeyedBreaker.class);
        MemberReader r = reader(PolicyKind.KEYED_BREAKER, beanClass, method, plan.name, plan.breakerName);
        int maxKeys = r.integer("maxKeys", a.maxKeys()).value();
        Time idle = r.nanos("keyIdleEviction", a.keyIdleEviction(), "keyIdleEvictionUnit", a.keyIdleEvictionUnit());
        Value<Class<? extends BreakerKeyFunction>> function = r.type("keyFunction", a.keyFunction(),
                BreakerKeyFunction.class);
        KeyedBreakerPolicy.Builder b = KeyedBreakerPolicy.builder().maxKeys(maxKeys).keyIdleEviction(idle.duration());
        boolean hasFunction = function.value() != BreakerKeyFunction.None.class;
        if (hasFunction && !keyParameters.isEmpty()) {
            problems.add(r.subject("keyFunction") + function.shown() + " and a @BreakerKey parameter together; use one"
                    + " or the other");
            return;
        }
        if (!hasFunction && keyParameters.isEmpty()) {
            problems.add(r.subject("keyFunction") + "names no key function and no parameter is marked @BreakerKey;"
                    + " mark the parameter that selects the breaker");
            return;
        }
        if (r.report(b.violations())) {
            plan.breakerKeys = b.build();
            plan.keyParameter = keyParameters.isEmpty() ? -1 : keyParameters.get(0);
            plan.keyFunction = hasFunction ? function.value() : null;
        }
    }

    /** Holds {@code @KeyedBreaker}'s defaults, for a breaker keyed by a {@code @BreakerKey} parameter alone. */
    @KeyedBreaker
    private static final class Defaults {
    }

    private void retryBudget(RetryBudget a, MemberReader unnamed, MethodPlan plan, Class<?> beanClass, Method method) {
        String name = unnamed.string("name", a.name()).value().trim();
        MemberReader r = name.isEmpty() ? unnamed : reader(PolicyKind.RETRY_BUDGET, beanClass, method, plan.name, name);
        RetryBudgetPolicy.Builder b = RetryBudgetPolicy.builder()
                .ratio(r.decimal("ratio", a.ratio()).value())
                .minPerSecond(r.integer("minPerSecond", a.minPerSecond()).value())
                .window(r.nanos("window", a.window(), "windowUnit", a.windowUnit()).duration());
        if (r.report(b.violations())) {
            plan.retryBudgetName = name.isEmpty() ? null : name;
            plan.retryBudget = b.build();
        }
    }

    private AdaptiveLimitPolicy adaptiveBulkhead(AdaptiveBulkhead a, MemberReader r) {
        AdaptiveLimitPolicy.Builder b = AdaptiveLimitPolicy.builder()
                .initialLimit(r.integer("initialLimit", a.initialLimit()).value())
                .minLimit(r.integer("minLimit", a.minLimit()).value())
                .maxLimit(r.integer("maxLimit", a.maxLimit()).value())
                .backoffRatio(r.decimal("backoffRatio", a.backoffRatio()).value());
        return r.report(b.violations()) ? b.build() : null;
    }

    private MemberReader reader(PolicyKind kind, Class<?> beanClass, Method method, String where, String name) {
        return new MemberReader(config, kind, MemberReader.prefixes(kind, beanClass.getName(), method.getName(), name),
                where, problems, beanClass.getClassLoader());
    }

    /** {@code <annotation>.enabled}, most specific level first; {@code steadfast.enabled=false} spares only fallback. */
    private boolean enabled(PolicyKind kind, MemberReader reader) {
        if (!allEnabled && kind != PolicyKind.FALLBACK) {
            return false;
        }
        return reader.flag("enabled").orElse(true);
    }

    /** The retry's values; {@code null} when one cannot be read or breaks a rule (each reported). */
    private MethodPlan.RetryPlan retry(Retry a, MemberReader r) {
        RetryPolicy.Builder b = RetryPolicy.builder()
                .maxRetries(r.integer("maxRetries", a.maxRetries()).value())
                .delay(r.nanos("delay", a.delay(), "delayUnit", a.delayUnit()).duration())
                .backoff(r.enumeration("backoff", a.backoff()).value())
                .factor(r.decimal("factor", a.factor()).value())
                .maxDelay(r.nanos("maxDelay", a.maxDelay(), "maxDelayUnit", a.maxDelayUnit()).duration())
                .jitter(r.decimal("jitter", a.jitter()).value())
                .maxDuration(r.nanos("maxDuration", a.maxDuration(), "durationUnit", a.durationUnit()).duration())
                .retryOn(r.classes("retryOn", a.retryOn()).value())
                .abortOn(r.classes("abortOn", a.abortOn()).value());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Value<Class<? extends Predicate<Object>>> retryOnResult = (Value) r.type("retryOnResult",
                a.retryOnResult(), Predicate.class);
        return r.report(b.violations()) ? new MethodPlan.RetryPlan(b, retryOnResult.value(), retryOnResult.key())
                : null;
    }

    /**
     * The breaker's name is read first (it may come from config too); a named breaker's members are then read with the
     * {@code steadfast.circuit-breaker."<name>".} level first.
     */
    private void breaker(CircuitBreaker a, MemberReader unnamed, MethodPlan plan, Class<?> beanClass, Method method) {
        String name = unnamed.string("name", a.name()).value().trim();
        MemberReader r = name.isEmpty() ? unnamed : reader(PolicyKind.CIRCUIT_BREAKER, beanClass, method, plan.name, name);
        BreakerPolicy.Builder b = BreakerPolicy.builder()
                .requestVolumeThreshold(r.integer("requestVolumeThreshold", a.requestVolumeThreshold()).value())
                .failureRatio(r.decimal("failureRatio", a.failureRatio()).value())
                .delay(r.nanos("delay", a.delay(), "delayUnit", a.delayUnit()).duration())
                .successThreshold(r.integer("successThreshold", a.successThreshold()).value())
                .halfOpenMaxCalls(r.integer("halfOpenMaxCalls", a.halfOpenMaxCalls()).value())
                .failOn(r.classes("failOn", a.failOn()).value())
                .skipOn(r.classes("skipOn", a.skipOn()).value())
                .slowCallThreshold(r.nanos("slowCallThreshold", a.slowCallThreshold(), "slowCallUnit",
                        a.slowCallUnit()).duration())
                .scope(r.enumeration("scope", a.scope()).value())
                .quorum(r.integer("quorum", a.quorum()).value());
        if (r.report(b.violations(!name.isEmpty()))) {
            plan.breakerName = name.isEmpty() ? null : name;
            plan.breaker = b.build();
        }
    }

    private BulkheadPolicy bulkhead(Bulkhead a, MemberReader r) {
        int value = r.integer("value", a.value()).value();
        int queue = r.integer("waitingTaskQueue", a.waitingTaskQueue()).value();
        long maxWait = r.nanos("maxWait", a.maxWait(), "maxWaitUnit", a.maxWaitUnit()).nanos();
        return r.report(BulkheadPolicy.violations(value, queue, maxWait)) ? new BulkheadPolicy(value, queue, maxWait)
                : null;
    }

    /**
     * As for breakers, the limiter's name is read first (it may come from config); a named limiter's members are then
     * read with the {@code steadfast.rate-limit."<name>".} level first.
     */
    private void rateLimit(RateLimit a, MemberReader unnamed, MethodPlan plan, Class<?> beanClass, Method method) {
        String name = unnamed.string("name", a.name()).value().trim();
        MemberReader r = name.isEmpty() ? unnamed : reader(PolicyKind.RATE_LIMIT, beanClass, method, plan.name, name);
        int value = r.integer("value", a.value()).value();
        long window = r.nanos("window", a.window(), "windowUnit", a.windowUnit()).nanos();
        long spacing = r.nanos("minSpacing", a.minSpacing(), "minSpacingUnit", a.minSpacingUnit()).nanos();
        RateLimitType type = r.enumeration("type", a.type()).value();
        Scope scope = r.enumeration("scope", a.scope()).value();
        if (r.report(RateLimitPolicy.violations(value, window, spacing, type, scope, !name.isEmpty()))) {
            plan.rateLimitName = name.isEmpty() ? null : name;
            plan.rateLimit = new RateLimitPolicy(value, window, spacing, type, scope);
        }
    }

    private TimeoutPolicy timeout(Timeout a, MemberReader r) {
        long value = r.nanos("value", a.value(), "unit", a.unit()).nanos();
        return r.report(TimeoutPolicy.violations(value)) ? new TimeoutPolicy(value) : null;
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
                DegradedReturn degraded = DegradedReturn.of(method);
                problems.add(subject + handler.shown() + " handles " + handledType(handler.value()).getTypeName()
                        + (degraded.flagged() && !degraded.inStage()
                                ? ", which is neither a Degraded nor assignable to "
                                        + degraded.valueType().getSimpleName()
                                : ", which is not assignable to " + method.getReturnType().getSimpleName()));
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

    /**
     * Whether the handler's {@code FallbackHandler<T>} argument fits the method's return type (unknown T fits; for a
     * method returning {@code Degraded<V>}, a {@code Degraded} or a {@code V} fits).
     */
    private static boolean handlerFits(Class<?> handler, Method method) {
        Type t = handledType(handler);
        if (!(t instanceof Class<?> handled) || method.getReturnType() == void.class) {
            return true;
        }
        DegradedReturn degraded = DegradedReturn.of(method);
        if (degraded.flagged() && !degraded.inStage() && degraded.accepts(handled)) {
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
}
