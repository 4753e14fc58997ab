package dev.steadfast.mp;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Generic types as seen from one bean class: type variables of its superclasses and interfaces replaced by the
 * arguments the hierarchy gives them, then written in one canonical form, so that two types are the same exactly when
 * their forms are equal ({@code T[][]} with {@code T = String} is {@code java.lang.String[][]}).
 */
final class MpTypes {

    private final Map<TypeVariable<?>, Type> bindings = new HashMap<>();

    MpTypes(Class<?> beanClass) {
        collect(beanClass);
    }

    private void collect(Type type) {
        Class<?> raw = raw(type);
        if (raw == null || raw == Object.class) {
            return;
        }
        if (type instanceof ParameterizedType p) {
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length && i < args.length; i++) {
                bindings.putIfAbsent(vars[i], args[i]);
            }
        }
        collect(raw.getGenericSuperclass());
        for (Type i : raw.getGenericInterfaces()) {
            collect(i);
        }
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType g) {
            Class<?> component = raw(g.getGenericComponentType());
            return component == null ? null : java.lang.reflect.Array.newInstance(component, 0).getClass();
        }
        return null;
    }

    /** The type with every bound variable replaced, in canonical form. */
    String canonical(Type type) {
        return canonical(type, 0);
    }

    private String canonical(Type type, int depth) {
        if (depth > 32) {
            return "?";
        }
        if (type instanceof Class<?> c) {
            return c.isArray() ? canonical(c.getComponentType(), depth + 1) + "[]" : c.getName();
        }
        if (type instanceof ParameterizedType p) {
            StringJoiner args = new StringJoiner(",", "<", ">");
            for (Type a : p.getActualTypeArguments()) {
                args.add(canonical(a, depth + 1));
            }
            return canonical(p.getRawType(), depth + 1) + args;
        }
        if (type instanceof GenericArrayType g) {
            return canonical(g.getGenericComponentType(), depth + 1) + "[]";
        }
        if (type instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + canonical(w.getLowerBounds()[0], depth + 1);
            }
            Type[] upper = w.getUpperBounds();
            return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + canonical(upper[0], depth + 1);
        }
        if (type instanceof TypeVariable<?> v) {
            Type bound = bindings.get(v);
            if (bound != null && bound != v) {
                return canonical(bound, depth + 1);
            }
            return v.getName() + "@" + v.getGenericDeclaration();
        }
        return String.valueOf(type);
    }

    /** The raw class of a type after replacing bound variables; a free variable gives its first bound's. */
    Class<?> resolvedRaw(Type type) {
        Type t = type;
        for (int i = 0; i < 32 && t instanceof TypeVariable<?> v; i++) {
            Type bound = bindings.get(v);
            t = bound != null ? bound : v.getBounds()[0];
        }
        Class<?> raw = raw(t);
        return raw != null ? raw : Object.class;
    }
}
