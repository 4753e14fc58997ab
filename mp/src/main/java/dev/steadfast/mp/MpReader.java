package dev.steadfast.mp;

import dev.steadfast.engine.ExceptionMatcher;
import dev.steadfast.engine.Violation;
import dev.steadfast.engine.breaker.BreakerPolicy;
import dev.steadfast.engine.bulkhead.BulkheadPolicy;
import dev.steadfast.engine.retry.RetryPolicy;
import dev.steadfast.engine.time.Nanos;
import dev.steadfast.engine.timeout.TimeoutPolicy;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Reads the MicroProfile annotations of one method (its own, else its bean class's), applies config and MicroProfile's
 * rules, and produces an {@link MpPlan}; every broken rule becomes a problem naming the annotation, member, method,
 * value and rule.
 */
final class MpReader {

    static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(Asynchronous.class, Bulkhead.class,
            CircuitBreaker.class, Fallback.class, Retry.class, Timeout.class);

    private final MpConfig config;
    private final List<String> problems;

    MpReader(MpConfig config, List<String> problems) {
        this.config = config;
        this.problems = problems;
    }

    /**
     * Whether a MicroProfile annotation guards the method, on it or on its class. A method that a subclass overrides
     * is not (the annotated type lists both): the override is what gets called.
     */
    static boolean guarded(AnnotatedType<?> type, AnnotatedMethod<?> m) {
        if (!businessMethod(m.getJavaMember()) || overridden(type.getJavaClass(), m.getJavaMember())) {
            return false;
        }
        for (Class<? extends Annotation> a : ANNOTATIONS) {
            if (m.isAnnotationPresent(a) || type.isAnnotationPresent(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overridden(Class<?> beanClass, Method m) {
        for (Class<?> c = beanClass; c != null && c != m.getDeclaringClass(); c = c.getSuperclass()) {
            try {
                Method declared = c.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (!declared.isBridge() && !Modifier.isPrivate(declared.getModifiers())) {
                    return true;
                }
            } catch (NoSuchMethodException notHere) {
                // look further up
            }
        }
        return false;
    }

    static boolean businessMethod(Method m) {
        int mod = m.getModifiers();
        return m.getDeclaringClass() != Object.class && !Modifier.isPrivate(mod) && !Modifier.isStatic(mod)
                && !m.isSynthetic();
    }

    /** The plan of one method, or {@code null} when nothing guards it (or everything is switched off). */
    MpPlan read(Class<?> beanClass, AnnotatedType<?> type, AnnotatedMethod<?> am) {
        Method method = am.getJavaMember();
        MpPlan plan = new MpPlan(beanClass, method);
        asynchronous(plan, type, am);
        MpSettings s = settings(plan, type, am, Retry.class);
        if (s != null) {
            plan.retry = retry(s);
        }
        s = settings(plan, type, am, CircuitBreaker.class);
        if (s != null) {
            plan.breaker = breaker(s);
        }
        s = settings(plan, type, am, Timeout.class);
        if (s != null) {
            plan.timeout = timeout(s);
        }
        s = settings(plan, type, am, Bulkhead.class);
        if (s != null) {
            plan.bulkhead = bulkhead(s);
        }
        s = settings(plan, type, am, Fallback.class);
        if (s != null) {
            fallback(plan, s);
        }
        return plan.isEmpty() ? null : plan;
    }

    /** The settings of one annotation when it is present and enabled, else {@code null}. */
    private MpSettings settings(MpPlan plan, AnnotatedType<?> type, AnnotatedMethod<?> am,
            Class<? extends Annotation> kind) {
        Annotation a = am.getAnnotation(kind);
        boolean onClass = false;
        if (a == null && kind != Fallback.class) {
            a = type.getAnnotation(kind);
            onClass = true;
        }
        if (a == null) {
            return null;
        }
        MpSettings s = new MpSettings(config, plan.beanClass, plan.method, a, onClass, problems);
        // Validated even when switched off: a broken definition is broken wherever it is deployed.
        if (!config.enabled(plan.beanClass, plan.method, kind, problems)) {
            validateOnly(s, kind);
            return null;
        }
        return s;
    }

    private void validateOnly(MpSettings s, Class<? extends Annotation> kind) {
        if (kind == Retry.class) {
            retry(s);
        } else if (kind == CircuitBreaker.class) {
            breaker(s);
        } else if (kind == Timeout.class) {
            timeout(s);
        } else if (kind == Bulkhead.class) {
            bulkhead(s);
        }
    }

    private void asynchronous(MpPlan plan, AnnotatedType<?> type, AnnotatedMethod<?> am) {
        boolean present = am.isAnnotationPresent(Asynchronous.class) || type.isAnnotationPresent(Asynchronous.class);
        if (!present) {
            return;
        }
        Class<?> returned = plan.method.getReturnType();
        MpOperation.Kind kind;
        if (CompletionStage.class.isAssignableFrom(returned)) {
            kind = MpOperation.Kind.STAGE;
        } else if (returned == Future.class) {
            kind = MpOperation.Kind.FUTURE;
        } else {
            problems.add("@Asynchronous on " + plan.name + ": it returns " + returned.getName()
                    + ", but an asynchronous method must return java.util.concurrent.Future or CompletionStage");
            return;
        }
        if (config.enabled(plan.beanClass, plan.method, Asynchronous.class, problems)) {
            plan.kind = kind;
        }
    }

    /** MicroProfile's retry: absolute jitter, no backoff, the last failure rethrown, retrying forever allowed. */
    private RetryPolicy retry(MpSettings s) {
        RetryPolicy.Builder b = RetryPolicy.builder()
                .maxRetries(s.intValue("maxRetries"))
                .delay(s.duration("delay", "delayUnit"))
                .maxDuration(s.duration("maxDuration", "durationUnit"))
                .jitterDelay(s.duration("jitter", "jitterDelayUnit"))
                .retryOn(s.throwables("retryOn"))
                .abortOn(s.throwables("abortOn"))
                .rethrowLastFailure(true)
                .mayRetryForever(true);
        return s.report(b.violations()) ? b.build() : null;
    }

    /** MicroProfile's breaker: as many trial calls at once as it needs successes, no slow-call threshold. */
    private BreakerPolicy breaker(MpSettings s) {
        BreakerPolicy.Builder b = BreakerPolicy.builder()
                .failOn(s.throwables("failOn"))
                .skipOn(s.throwables("skipOn"))
                .delay(s.duration("delay", "delayUnit"))
                .requestVolumeThreshold(s.intValue("requestVolumeThreshold"))
                .failureRatio(s.doubleValue("failureRatio"));
        int successes = s.intValue("successThreshold");
        b.successThreshold(successes).halfOpenMaxCalls(successes);
        return s.report(b.violations()) ? b.build() : null;
    }

    /** A timeout of 0 is none, as MicroProfile has it. */
    private TimeoutPolicy timeout(MpSettings s) {
        long nanos = Nanos.of(s.duration("value", "unit"));
        if (nanos == 0) {
            return null;
        }
        return s.report(TimeoutPolicy.violations(nanos)) ? new TimeoutPolicy(nanos) : null;
    }

    /** MicroProfile's queue rule is stricter than the engine's: it holds at least one call (the engine allows none). */
    private BulkheadPolicy bulkhead(MpSettings s) {
        int value = s.intValue("value");
        int queue = s.intValue("waitingTaskQueue");
        List<Violation> found = new ArrayList<>(BulkheadPolicy.violations(value, queue, 0));
        if (queue < 1) {
            found.removeIf(v -> v.member().equals("waitingTaskQueue"));
            found.add(Violation.below("waitingTaskQueue", queue, 1, "a MicroProfile bulkhead's queue holds at least"
                    + " one call"));
        }
        return s.report(found) ? new BulkheadPolicy(value, queue, 0) : null;
    }

    private void fallback(MpPlan plan, MpSettings s) {
        Class<?> handler = s.classValue("value");
        String methodName = s.stringValue("fallbackMethod");
        List<Class<? extends Throwable>> applyOn = s.throwables("applyOn");
        List<Class<? extends Throwable>> skipOn = s.throwables("skipOn");
        boolean hasHandler = handler != Fallback.DEFAULT.class;
        boolean hasMethod = !methodName.isEmpty();
        if (hasHandler && hasMethod) {
            problems.add("@Fallback on " + plan.name + ": names both a handler (" + handler.getName()
                    + ") and a fallbackMethod (\"" + methodName + "\"); give one of them");
            return;
        }
        if (hasHandler) {
            if (!FallbackHandler.class.isAssignableFrom(handler)) {
                problems.add(s.describe("value") + ": " + handler.getName() + " is not a FallbackHandler");
                return;
            }
            if (!MpFallbacks.handlerFits(handler, plan.beanClass, plan.method.getGenericReturnType())) {
                problems.add(s.describe("value") + ": " + handler.getName() + " does not produce the method's"
                        + " return type " + plan.method.getGenericReturnType().getTypeName());
                return;
            }
            plan.fallbackHandler = handler;
        } else if (hasMethod) {
            Method m = MpFallbacks.find(plan.beanClass, plan.method, methodName);
            if (m == null) {
                problems.add(s.describe("fallbackMethod") + ": no method " + methodName + " with the parameter"
                        + " types of the guarded method and a compatible return type is visible from "
                        + plan.method.getDeclaringClass().getName());
                return;
            }
            plan.fallbackMethod = m;
        } else {
            plan.fallbackHandler = Fallback.DEFAULT.class; // neither: the API's DEFAULT handler answers null
        }
        plan.fallbackOn = new ExceptionMatcher(applyOn, skipOn);
    }
}
