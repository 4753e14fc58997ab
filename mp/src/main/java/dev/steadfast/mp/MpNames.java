package dev.steadfast.mp;

import java.lang.reflect.Method;
import java.util.StringJoiner;

/** How messages and registries name a guarded method: {@code com.acme.Quotes#fetch(String)}. */
final class MpNames {

    private MpNames() {
    }

    static String of(Class<?> beanClass, Method method) {
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (Class<?> p : method.getParameterTypes()) {
            params.add(p.getSimpleName());
        }
        return beanClass.getName() + "#" + method.getName() + params;
    }
}
