package dev.steadfast.mp;

import dev.steadfast.engine.Violation;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One MicroProfile annotation on one method, its members read through config. A value that does not parse becomes a
 * problem naming the key and the value, and the annotation's own value is used so that reading can go on. The rules
 * of a policy are the engine's: {@link #report} words its violations as MicroProfile members of this method.
 */
final class MpSettings {

    /**
     * The engine's members that MicroProfile calls otherwise: its {@code @Retry.jitter} is an absolute jitter, and its
     * breaker lets as many trial calls through at once as it needs successes.
     */
    private static final Map<String, String> MP_MEMBERS = Map.of("jitterDelay", "jitter",
            "halfOpenMaxCalls", "successThreshold");

    private final MpConfig config;
    private final Class<?> beanClass;
    private final Method method;
    private final Annotation annotation;
    private final boolean onClass;
    private final List<String> problems;
    /** Members already reported (a parse error or a broken rule): one problem per member. */
    private final Set<String> reported = new HashSet<>();
    /** Members whose value could not be read: no rule judges their stand-in. */
    private final Set<String> unreadable = new HashSet<>();

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

    /**
     * Adds a problem for each violation of the engine's rules, naming the MicroProfile member, the method, the value
     * and the rule; at most one per member, and none about a member that could not be read.
     *
     * @return whether nothing was reported for this annotation, parse errors included: then its policy may be built
     */
    boolean report(List<Violation> violations) {
        for (Violation v : violations) {
            String member = MP_MEMBERS.getOrDefault(v.member(), v.member());
            if (unreadable.contains(member) || (v.other() != null && unreadable.contains(v.other()))) {
                continue;
            }
            problem(member, Violation.show(v.value()) + " " + v.rule(Violation.show(v.otherValue())));
        }
        return reported.isEmpty();
    }

    /** {@code <describe>: <valueAndRule>}, unless the member was reported already. */
    private void problem(String member, String valueAndRule) {
        if (reported.add(member)) {
            problems.add(describe(member) + ": " + valueAndRule);
        }
    }

    private Optional<MpConfig.Found> configured(String member) {
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
        Optional<MpConfig.Found> c = configured(member);
        if (c.isPresent()) {
            try {
                return Integer.parseInt(c.get().value());
            } catch (NumberFormatException e) {
                bad(member, c.get(), "an integer");
            }
        }
        return (Integer) own(member);
    }

    long longValue(String member) {
        Optional<MpConfig.Found> c = configured(member);
        if (c.isPresent()) {
            try {
                return Long.parseLong(c.get().value());
            } catch (NumberFormatException e) {
                bad(member, c.get(), "an integer");
            }
        }
        return (Long) own(member);
    }

    double doubleValue(String member) {
        Optional<MpConfig.Found> c = configured(member);
        if (c.isPresent()) {
            try {
                return Double.parseDouble(c.get().value());
            } catch (NumberFormatException e) {
                bad(member, c.get(), "a number");
            }
        }
        return (Double) own(member);
    }

    String stringValue(String member) {
        Optional<MpConfig.Found> c = configured(member);
        return c.isPresent() ? c.get().value() : (String) own(member);
    }

    ChronoUnit unit(String member) {
        Optional<MpConfig.Found> c = configured(member);
        if (c.isPresent()) {
            try {
                return ChronoUnit.valueOf(c.get().value().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                bad(member, c.get(), "a java.time.temporal.ChronoUnit name such as MILLIS or SECONDS");
            }
        }
        return (ChronoUnit) own(member);
    }

    /**
     * A time member and its unit member. One too long to be a duration is a problem, and comes back as zero with the
     * member marked unreadable; whether it is negative is a rule of the policy's.
     */
    Duration duration(String member, String unitMember) {
        long value = longValue(member);
        ChronoUnit unit = unit(unitMember);
        try {
            return Duration.of(value, unit);
        } catch (ArithmeticException | java.time.temporal.UnsupportedTemporalTypeException e) {
            problem(member, value + " " + unit + " is too long to be a duration");
            unreadable.add(member);
            return Duration.ZERO;
        }
    }

    @SuppressWarnings("unchecked")
    List<Class<? extends Throwable>> throwables(String member) {
        Optional<MpConfig.Found> c = configured(member);
        if (c.isPresent()) {
            List<Class<? extends Throwable>> classes = new ArrayList<>();
            for (String name : c.get().value().split(",")) {
                Class<?> cls = load(member, c.get(), name.trim());
                if (cls == null) {
                    continue;
                }
                if (!Throwable.class.isAssignableFrom(cls)) {
                    bad(member, c.get(), "a list of Throwable classes (" + cls.getName() + " is not one)");
                    continue;
                }
                classes.add((Class<? extends Throwable>) cls);
            }
            return classes;
        }
        return List.of((Class<? extends Throwable>[]) own(member));
    }

    Class<?> classValue(String member) {
        Optional<MpConfig.Found> c = configured(member);
        if (c.isPresent()) {
            Class<?> cls = load(member, c.get(), c.get().value());
            if (cls != null) {
                return cls;
            }
        }
        return (Class<?>) own(member);
    }

    private Class<?> load(String member, MpConfig.Found found, String name) {
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
        bad(member, found, "a class name (" + name + " is not found)");
        return null;
    }

    private void bad(String member, MpConfig.Found found, String expected) {
        reported.add(member);
        problems.add("Config key " + found.key() + " for " + MpNames.of(beanClass, method) + ": '" + found.value()
                + "' is not " + expected);
    }
}
