package dev.steadfast.impl.cdi;

import dev.steadfast.FallbackContext;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.engine.Failures;
import dev.steadfast.engine.Invocation;
import dev.steadfast.engine.fallback.FallbackFunction;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Finds fallback methods at deployment and turns each into a {@link FallbackFunction} that calls it through a
 * {@link MethodHandle}. A fallback method lives in the bean class, a superclass (the closest declaration wins) or an
 * interface (default methods), with any visibility; it takes the guarded method's parameters (each parameter type must
 * accept the guarded one, so generic parameters erased to a bound match), optionally followed by a
 * {@link FallbackContext} parameter, optionally followed by one {@code Throwable} (or narrower) parameter (the failure
 * stays last), and returns a type assignable to the guarded method's (for a method declaring {@code Degraded<T>}
 * answers, a {@code Degraded} or a {@code T}).
 */
final class FallbackMethods {

    private FallbackMethods() {
    }

    /**
     * @return the method, or {@code null} after adding a problem that says what is missing, ambiguous or incompatible
     */
    static Method find(Class<?> beanClass, Method guarded, String name, String subject, Problems problems) {
        List<Method> sameName = new ArrayList<>();
        List<Method> misordered = new ArrayList<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Method> candidates = matching(c.getDeclaredMethods(), guarded, name, sameName, misordered);
            if (!candidates.isEmpty()) {
                return single(candidates, guarded, subject, problems);
            }
        }
        for (Class<?> i : interfaces(beanClass)) {
            List<Method> candidates = new ArrayList<>();
            for (Method m : matching(i.getDeclaredMethods(), guarded, name, sameName, misordered)) {
                if (m.isDefault()) {
                    candidates.add(m);
                }
            }
            if (!candidates.isEmpty()) {
                return single(candidates, guarded, subject, problems);
            }
        }
        if (!misordered.isEmpty()) {
            Method m = misordered.get(0);
            Class<?>[] p = m.getParameterTypes();
            Class<?>[] fixed = p.clone();
            fixed[p.length - 2] = p[p.length - 1];
            fixed[p.length - 1] = p[p.length - 2];
            problems.add(subject + "fallback method " + m.getDeclaringClass().getName() + "#" + name
                    + params(p, false) + " takes its FallbackContext after the failure; the FallbackContext parameter"
                    + " comes right after the guarded method's parameters and the failure parameter last: " + name
                    + params(fixed, false));
            return null;
        }
        StringBuilder message = new StringBuilder(subject).append("no method ").append(name)
                .append(params(guarded.getParameterTypes(), false)).append(" or ").append(name)
                .append(params(guarded.getParameterTypes(), true)).append(" in ").append(beanClass.getName())
                .append(" or its superclasses and interfaces");
        if (!sameName.isEmpty()) {
            StringJoiner found = new StringJoiner(", ");
            for (Method m : sameName) {
                found.add(m.getDeclaringClass().getSimpleName() + "." + name + params(m.getParameterTypes(), false));
            }
            message.append("; found ").append(found).append(", whose parameters do not match");
        }
        problems.add(message.toString());
        return null;
    }

    private static Method single(List<Method> candidates, Method guarded, String subject, Problems problems) {
        if (candidates.size() > 1) {
            StringJoiner all = new StringJoiner(", ");
            for (Method m : candidates) {
                all.add(m.getName() + params(m.getParameterTypes(), false));
            }
            problems.add(subject + "fallback method is ambiguous in " + candidates.get(0).getDeclaringClass().getName()
                    + ": " + all);
            return null;
        }
        Method m = candidates.get(0);
        Class<?> expected = guarded.getReturnType();
        Class<?> actual = m.getReturnType();
        DegradedReturn degraded = DegradedReturn.of(guarded);
        boolean flaggedValue = degraded.flagged() && !degraded.inStage();
        boolean compatible = expected == void.class
                || (actual != void.class && wrap(expected).isAssignableFrom(wrap(actual)))
                || (flaggedValue && degraded.accepts(actual));
        if (!compatible) {
            problems.add(subject + "fallback method " + m.getDeclaringClass().getName() + "#" + m.getName()
                    + params(m.getParameterTypes(), false) + " returns " + actual.getSimpleName()
                    + (flaggedValue ? ", which is neither a Degraded nor assignable to "
                            + degraded.valueType().getSimpleName()
                            : ", which is not assignable to " + expected.getSimpleName()));
            return null;
        }
        return m;
    }

    private static List<Method> matching(Method[] declared, Method guarded, String name, List<Method> sameName,
            List<Method> misordered) {
        List<Method> result = new ArrayList<>(1);
        Class<?>[] wanted = guarded.getParameterTypes();
        for (Method m : declared) {
            if (!m.getName().equals(name) || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            Class<?>[] p = m.getParameterTypes();
            boolean ok = p.length >= wanted.length;
            for (int i = 0; ok && i < wanted.length; i++) {
                ok = wrap(p[i]).isAssignableFrom(wrap(wanted[i]));
            }
            Tail tail = ok ? Tail.of(p, wanted.length) : Tail.NONE_FITS;
            if (tail == Tail.FITS) {
                result.add(m);
            } else if (tail == Tail.MISORDERED) {
                misordered.add(m);
            } else {
                sameName.add(m);
            }
        }
        return result;
    }

    /** What follows the guarded method's parameters in a candidate's parameter list. */
    private enum Tail {
        /** Nothing, a {@code FallbackContext}, a failure, or a {@code FallbackContext} and then a failure. */
        FITS,
        /** A failure and then a {@code FallbackContext}: the one order that is reported as such. */
        MISORDERED,
        NONE_FITS;

        static Tail of(Class<?>[] p, int from) {
            int extra = p.length - from;
            if (extra == 0) {
                return FITS;
            }
            if (extra == 1) {
                return p[from] == FallbackContext.class || Throwable.class.isAssignableFrom(p[from]) ? FITS
                        : NONE_FITS;
            }
            if (extra == 2) {
                if (p[from] == FallbackContext.class && Throwable.class.isAssignableFrom(p[from + 1])) {
                    return FITS;
                }
                if (Throwable.class.isAssignableFrom(p[from]) && p[from + 1] == FallbackContext.class) {
                    return MISORDERED;
                }
            }
            return NONE_FITS;
        }
    }

    private static Set<Class<?>> interfaces(Class<?> type) {
        Set<Class<?>> result = new LinkedHashSet<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            collect(c.getInterfaces(), result);
        }
        return result;
    }

    private static void collect(Class<?>[] interfaces, Set<Class<?>> into) {
        for (Class<?> i : interfaces) {
            if (into.add(i)) {
                collect(i.getInterfaces(), into);
            }
        }
    }

    static String params(Class<?>[] types, boolean withFailure) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (Class<?> t : types) {
            j.add(t.getSimpleName());
        }
        if (withFailure) {
            j.add("<Throwable>");
        }
        return j.toString();
    }

    static Class<?> wrap(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return MethodType.methodType(c).wrap().returnType();
    }

    /**
     * A fallback function calling {@code method} on the intercepted instance through a spread method handle.
     *
     * @param operation the guarded method as messages name it, for a {@link FallbackContext}
     * @param guarded   the guarded method, for a {@link FallbackContext}
     */
    static FallbackFunction<Object> function(Method method, String operation, Method guarded) {
        int guardedArity = guarded.getParameterCount();
        method.setAccessible(true);
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot access fallback method " + method, e);
        }
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        int arity = method.getParameterCount();
        handle = handle.asType(MethodType.genericMethodType(arity + (isStatic ? 0 : 1)));
        if (isStatic) {
            handle = MethodHandles.dropArguments(handle, 0, Object.class);
        }
        MethodHandle spread = handle.asSpreader(Object[].class, arity);
        Class<?>[] types = method.getParameterTypes();
        boolean takesContext = arity > guardedArity && types[guardedArity] == FallbackContext.class;
        int failureAt = guardedArity + (takesContext ? 1 : 0);
        Class<?> failureType = arity > failureAt ? types[failureAt] : null;
        return new MethodFallback(spread, guardedArity, takesContext, failureType, operation, guarded);
    }

    /** One resolved fallback method. */
    private static final class MethodFallback implements FallbackFunction<Object> {

        private final MethodHandle spread;
        private final int arity;
        private final boolean takesContext;
        private final Class<?> failureType;
        private final String operation;
        private final Method guarded;

        MethodFallback(MethodHandle spread, int arity, boolean takesContext, Class<?> failureType, String operation,
                Method guarded) {
            this.spread = spread;
            this.arity = arity;
            this.takesContext = takesContext;
            this.failureType = failureType;
            this.operation = operation;
            this.guarded = guarded;
        }

        @Override
        public Object apply(Invocation<Object> invocation, Throwable failure) throws Exception {
            Object[] args = invocation.arguments();
            if (takesContext || failureType != null) {
                Object passed = null;
                if (failureType != null) {
                    passed = failureFor(failure);
                    if (passed == null) {
                        // The trailing parameter cannot take this failure: this fallback does not apply to it.
                        throw Failures.sneakyThrow(failure);
                    }
                }
                Object[] guardedArgs = args;
                args = Arrays.copyOf(args, arity + (takesContext ? 1 : 0) + (failureType != null ? 1 : 0));
                int next = arity;
                if (takesContext) {
                    args[next++] = new CallContext(operation, guarded, guardedArgs, failure);
                }
                if (failureType != null) {
                    args[next] = passed;
                }
            }
            try {
                return (Object) spread.invokeExact(invocation.target(), args);
            } catch (Throwable t) {
                throw Failures.sneakyThrow(t);
            }
        }

        /** The failure, or the cause of a {@link RetryExhaustedException} when only the cause fits. */
        private Object failureFor(Throwable failure) {
            if (failureType.isInstance(failure)) {
                return failure;
            }
            if (failure instanceof RetryExhaustedException && failureType.isInstance(failure.getCause())) {
                return failure.getCause();
            }
            return null;
        }
    }
}
