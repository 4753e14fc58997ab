package dev.steadfast.mp;

import org.eclipse.microprofile.faulttolerance.FallbackHandler;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds a {@code fallbackMethod} by MicroProfile's rules: same name, the guarded method's parameter types (generic
 * types compared as the bean class resolves them; varargs only with varargs), a return type assignable to the guarded
 * method's, declared in the guarded method's class (any visibility), in a superclass (not private; package-private
 * only in the same package) or in an interface of them.
 */
final class MpFallbacks {

    private MpFallbacks() {
    }

    /** The fallback method, or {@code null} when none qualifies. */
    static Method find(Class<?> beanClass, Method guarded, String name) {
        MpTypes types = new MpTypes(beanClass);
        Class<?> declaring = guarded.getDeclaringClass();
        List<String> wanted = canonicalParameters(types, guarded);
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        for (Class<?> c = declaring; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && !m.isSynthetic() && visible(declaring, m)
                        && matches(types, guarded, wanted, m)) {
                    return accessible(m);
                }
            }
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        Set<Class<?>> seen = new HashSet<>();
        while (!interfaces.isEmpty()) {
            Class<?> i = interfaces.poll();
            if (!seen.add(i)) {
                continue;
            }
            for (Method m : i.getDeclaredMethods()) {
                if (m.getName().equals(name) && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers())
                        && matches(types, guarded, wanted, m)) {
                    return accessible(m);
                }
            }
            interfaces.addAll(List.of(i.getInterfaces()));
        }
        return null;
    }

    private static Method accessible(Method m) {
        try {
            m.setAccessible(true);
        } catch (RuntimeException notOpen) {
            // a public method is callable anyway; anything else fails with a clear IllegalAccessException
        }
        return m;
    }

    private static boolean visible(Class<?> from, Method m) {
        int mod = m.getModifiers();
        if (m.getDeclaringClass() == from) {
            return true;
        }
        if (Modifier.isPrivate(mod)) {
            return false;
        }
        if (Modifier.isPublic(mod) || Modifier.isProtected(mod)) {
            return true;
        }
        return Objects.equals(m.getDeclaringClass().getPackageName(), from.getPackageName());
    }

    private static List<String> canonicalParameters(MpTypes types, Method m) {
        List<String> out = new ArrayList<>();
        for (Type t : m.getGenericParameterTypes()) {
            out.add(types.canonical(t));
        }
        return out;
    }

    private static boolean matches(MpTypes types, Method guarded, List<String> wanted, Method candidate) {
        if (candidate.getParameterCount() != guarded.getParameterCount()
                || candidate.isVarArgs() != guarded.isVarArgs()) {
            return false;
        }
        if (!canonicalParameters(types, candidate).equals(wanted)) {
            return false;
        }
        return returnAssignable(types, guarded.getGenericReturnType(), candidate.getGenericReturnType());
    }

    /** Whether a fallback returning {@code actual} may answer for a method returning {@code declared}. */
    static boolean returnAssignable(MpTypes types, Type declared, Type actual) {
        if (types.canonical(declared).equals(types.canonical(actual))) {
            return true;
        }
        Class<?> d = box(types.resolvedRaw(declared));
        Class<?> a = box(types.resolvedRaw(actual));
        return d.isAssignableFrom(a) && !(declared instanceof ParameterizedType && actual instanceof ParameterizedType
                && d == a);
    }

    /**
     * Whether a handler class's {@code FallbackHandler<T>} answers for a method returning {@code declared}: {@code T}
     * must be assignable to it (an unresolvable {@code T} is accepted).
     */
    static boolean handlerFits(Class<?> handler, Class<?> beanClass, Type declared) {
        MpTypes handlerTypes = new MpTypes(handler);
        Type t = handlerType(handler);
        if (t == null) {
            return true;
        }
        Class<?> produced = box(handlerTypes.resolvedRaw(t));
        Class<?> wanted = box(new MpTypes(beanClass).resolvedRaw(declared));
        if (wanted == Void.class) {
            return produced == Void.class || produced == Object.class;
        }
        return wanted.isAssignableFrom(produced) || produced == Object.class;
    }

    private static Type handlerType(Class<?> handler) {
        for (Class<?> c = handler; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type i : c.getGenericInterfaces()) {
                if (i instanceof ParameterizedType p && p.getRawType() == FallbackHandler.class) {
                    return p.getActualTypeArguments()[0];
                }
            }
        }
        return null;
    }

    static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        if (c == char.class) {
            return Character.class;
        }
        return Void.class;
    }
}
