package dev.steadfast.mp;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One MicroProfile annotation on one method, its members read through config. A value that does not parse becomes a
 * problem naming the key and the value, and the annotation's own value is used so that reading can go on.
 */
final class MpSettings {

    private final MpConfig config;
    private final Class<?> beanClass;
    private final Method method;
    private final Annotation annotation;
    private final boolean onClass;
    private final List<String> problems;

    MpSettings(MpConfig config, Class<?> beanClass, Method method, Annotation annotation, boolean onClass,
            List<String> problems) {
        this.config = config;
        this.beanClass = beanClass;
        this.method = method;
        this.annotation = annotation;
        this.onClass = onClass;
        this.problems = problems;
    }

    Annotation annotation() {
        return annotation;
    }

    /** {@code @Retry.maxRetries on com.acme.Quotes#fetch(String)}, for messages. */
    String describe(String member) {
        return "@" + annotation.annotationType().getSimpleName() + "." + member + " on " + MpNames.of(beanClass, method);
    }

    private Optional<String[]> configured(String member) {
        return config.first(MpConfig.keys(beanClass, method, annotation.annotationType(), onClass, member));
    }

    private Object own(String member) {
        try {
            return annotation.annotationType().getMethod(member).invoke(annotation);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(describe(member) + ": cannot be read", e);
        }
    }

    int intValue(String member) {
        Optional<String[]> c = configured(member);
        if (c.isPresent()) {
            try {
                return Integer.parseInt(c.get()[1]);
            } catch (NumberFormatException e) {
                bad(c.get(), "an integer");
            }
        }
        return (Integer) own(member);
    }

    long longValue(String member) {
        Optional<String[]> c = configured(member);
        if (c.isPresent()) {
            try {
                return Long.parseLong(c.get()[1]);
            } catch (NumberFormatException e) {
                bad(c.get(), "an integer");
            }
        }
        return (Long) own(member);
    }

    double doubleValue(String member) {
        Optional<String[]> c = configured(member);
        if (c.isPresent()) {
            try {
                return Double.parseDouble(c.get()[1]);
            } catch (NumberFormatException e) {
                bad(c.get(), "a number");
            }
        }
        return (Double) own(member);
    }

    String stringValue(String member) {
        Optional<String[]> c = configured(member);
        return c.isPresent() ? c.get()[1] : (String) own(member);
    }

    ChronoUnit unit(String member) {
        Optional<String[]> c = configured(member);
        if (c.isPresent()) {
            try {
                return ChronoUnit.valueOf(c.get()[1].toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                bad(c.get(), "a java.time.temporal.ChronoUnit name such as MILLIS or SECONDS");
            }
        }
        return (ChronoUnit) own(member);
    }

    /** A time member and its unit member in nanoseconds; {@code -1} (with a problem) when it does not fit. */
    long nanos(String member, String unitMember) {
        long value = longValue(member);
        ChronoUnit unit = unit(unitMember);
        if (value < 0) {
            problems.add(describe(member) + ": " + value + " must not be negative");
            return -1;
        }
        try {
            return Duration.of(value, unit).toNanos();
        } catch (ArithmeticException | java.time.temporal.UnsupportedTemporalTypeException e) {
            problems.add(describe(member) + ": " + value + " " + unit + " is too long to be a duration");
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    List<Class<? extends Throwable>> throwables(String member) {
        Optional<String[]> c = configured(member);
        if (c.isPresent()) {
            List<Class<? extends Throwable>> classes = new ArrayList<>();
            for (String name : c.get()[1].split(",")) {
                Class<?> cls = load(c.get(), name.trim());
                if (cls == null) {
                    continue;
                }
                if (!Throwable.class.isAssignableFrom(cls)) {
                    bad(c.get(), "a list of Throwable classes (" + cls.getName() + " is not one)");
                    continue;
                }
                classes.add((Class<? extends Throwable>) cls);
            }
            return classes;
        }
        return List.of((Class<? extends Throwable>[]) own(member));
    }

    Class<?> classValue(String member) {
        Optional<String[]> c = configured(member);
        if (c.isPresent()) {
            Class<?> cls = load(c.get(), c.get()[1]);
            if (cls != null) {
                return cls;
            }
        }
        return (Class<?>) own(member);
    }

    private Class<?> load(String[] keyAndValue, String name) {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {tccl, beanClass.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        bad(keyAndValue, "a class name (" + name + " is not found)");
        return null;
    }

    private void bad(String[] keyAndValue, String expected) {
        problems.add("Config key " + keyAndValue[0] + " for " + MpNames.of(beanClass, method) + ": '"
                + keyAndValue[1] + "' is not " + expected);
    }
}
