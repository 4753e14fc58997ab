package dev.steadfast.impl.cdi;

import dev.steadfast.Degraded;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

/**
 * Whether a guarded method declares {@link Degraded} answers, read once at deployment: it returns {@code Degraded<T>},
 * or a {@code CompletionStage}/{@code CompletableFuture} of one. Then its fallbacks' answers are flagged (their values
 * wrapped, with the call's {@code FallbackApplied}), and a fallback may answer {@code T} or {@code Degraded<T>}.
 *
 * @param flagged   the method declares {@code Degraded} answers
 * @param inStage   the {@code Degraded} is inside the stage the method returns
 * @param valueType the {@code T} of {@code Degraded<T>} as a class ({@code Object} when it is a type variable or a
 *                  wildcard), for checking what a synchronous fallback returns
 */
record DegradedReturn(boolean flagged, boolean inStage, Class<?> valueType) {

    private static final DegradedReturn PLAIN = new DegradedReturn(false, false, Object.class);

    static DegradedReturn of(Method method) {
        Class<?> raw = method.getReturnType();
        if (raw == Degraded.class) {
            return new DegradedReturn(true, false, valueOf(method.getGenericReturnType()));
        }
        if (CompletionStage.class.isAssignableFrom(raw)
                && method.getGenericReturnType() instanceof ParameterizedType stage
                && stage.getActualTypeArguments().length == 1
                && rawClass(stage.getActualTypeArguments()[0]) == Degraded.class) {
            return new DegradedReturn(true, true, valueOf(stage.getActualTypeArguments()[0]));
        }
        return PLAIN;
    }

    /**
     * Whether a synchronous fallback returning {@code actual} fits: a {@code Degraded}, or a value its {@code T}
     * accepts. Only for {@link #flagged()} methods without a stage.
     */
    boolean accepts(Class<?> actual) {
        return actual == Degraded.class
                || (actual != void.class && FallbackMethods.wrap(valueType).isAssignableFrom(FallbackMethods.wrap(actual)));
    }

    /** The {@code T} of a {@code Degraded<T>} type, as a class. */
    private static Class<?> valueOf(Type degraded) {
        if (degraded instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            Class<?> c = rawClass(p.getActualTypeArguments()[0]);
            return c != null ? c : Object.class;
        }
        return Object.class;
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
