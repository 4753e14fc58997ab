package dev.steadfast.impl.cdi;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the annotations say, read once per bean class: the Steadfast annotations of its class (directly, inherited,
 * or from stereotypes, direct ones winning) and, per method, the effective set after method-level annotations replace
 * class-level ones of the same kind. Metadata only: no config, no validation beyond conflicting stereotypes.
 */
final class AnnotationsFound {

    private final Map<PolicyKind, Annotation> classLevel;

    private AnnotationsFound(Map<PolicyKind, Annotation> classLevel) {
        this.classLevel = classLevel;
    }

    static AnnotationsFound of(AnnotatedType<?> type, Problems problems) {
        Map<PolicyKind, Annotation> fromStereotypes = new EnumMap<>(PolicyKind.class);
        Map<PolicyKind, Class<?>> stereotypeOf = new EnumMap<>(PolicyKind.class);
        for (Annotation a : type.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(Stereotype.class)) {
                collectStereotype(a.annotationType(), a.annotationType(), fromStereotypes, stereotypeOf,
                        new HashSet<>(), type.getJavaClass(), problems);
            }
        }
        Map<PolicyKind, Annotation> result = new EnumMap<>(fromStereotypes);
        for (Annotation a : type.getAnnotations()) {
            PolicyKind kind = PolicyKind.of(a.annotationType());
            if (kind != null) {
                result.put(kind, a);
            }
        }
        return new AnnotationsFound(Collections.unmodifiableMap(result));
    }

    private static void collectStereotype(Class<? extends Annotation> stereotype, Class<?> top,
            Map<PolicyKind, Annotation> into, Map<PolicyKind, Class<?>> origin, Set<Class<?>> visited,
            Class<?> beanClass, Problems problems) {
        if (!visited.add(stereotype)) {
            return;
        }
        for (Annotation a : stereotype.getAnnotations()) {
            PolicyKind kind = PolicyKind.of(a.annotationType());
            if (kind != null) {
                Annotation earlier = into.get(kind);
                if (earlier == null) {
                    into.put(kind, a);
                    origin.put(kind, top);
                } else if (!earlier.equals(a) && origin.get(kind) != top) {
                    problems.add(kind.display() + " on " + beanClass.getName() + " comes from two stereotypes, @"
                            + origin.get(kind).getSimpleName() + " and @" + top.getSimpleName()
                            + ", with different values; put " + kind.display() + " on the class or method to choose");
                }
            } else if (a.annotationType().isAnnotationPresent(Stereotype.class)) {
                collectStereotype(a.annotationType(), top, into, origin, visited, beanClass, problems);
            }
        }
    }

    /** Whether the class level carries any Steadfast annotation. */
    boolean hasClassLevel() {
        return !classLevel.isEmpty();
    }

    /**
     * The effective annotations of a method: its own, then the class level's for kinds it does not have. Class-level
     * annotations apply to business methods only: not private, static or final ones, not lifecycle callbacks, not
     * {@code Object}'s.
     */
    Map<PolicyKind, Annotation> effective(AnnotatedMethod<?> method) {
        Map<PolicyKind, Annotation> result = new EnumMap<>(PolicyKind.class);
        if (isBusinessMethod(method)) {
            result.putAll(classLevel);
        }
        result.putAll(methodLevel(method));
        return result;
    }

    static Map<PolicyKind, Annotation> methodLevel(AnnotatedMethod<?> method) {
        Map<PolicyKind, Annotation> result = new EnumMap<>(PolicyKind.class);
        for (Annotation a : method.getAnnotations()) {
            PolicyKind kind = PolicyKind.of(a.annotationType());
            if (kind != null) {
                result.put(kind, a);
            }
        }
        return result;
    }

    static boolean isBusinessMethod(AnnotatedMethod<?> method) {
        Method m = method.getJavaMember();
        int mod = m.getModifiers();
        return m.getDeclaringClass() != Object.class && !m.isSynthetic() && !m.isBridge()
                && !Modifier.isPrivate(mod) && !Modifier.isStatic(mod) && !Modifier.isFinal(mod)
                && !method.isAnnotationPresent(PostConstruct.class) && !method.isAnnotationPresent(PreDestroy.class);
    }
}
