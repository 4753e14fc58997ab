package dev.steadfast.impl.cdi;

import java.lang.reflect.Method;
import java.util.StringJoiner;

/** How messages and the registry name methods: {@code com.acme.Quotes#fetch(String)}. */
final class Signatures {

    private Signatures() {
    }

    static String describe(Class<?> beanClass, Method method) {
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (Class<?> p : method.getParameterTypes()) {
            params.add(p.getSimpleName());
        }
        return beanClass.getName() + "#" + method.getName() + params;
    }
}
