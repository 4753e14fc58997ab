package dev.steadfast.engine;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether a failure is "in" a policy's include list and not in its exclude list (retryOn/abortOn,
 * failOn/skipOn, applyOn/skipOn). The exclude list wins. Built once per policy; {@link #test} only walks two small
 * arrays with {@code Class.isInstance}.
 */
public final class ExceptionMatcher {

    private final Class<?>[] include;
    private final Class<?>[] exclude;

    public ExceptionMatcher(List<Class<? extends Throwable>> include, List<Class<? extends Throwable>> exclude) {
        this.include = Objects.requireNonNull(include, "include").toArray(new Class<?>[0]);
        this.exclude = Objects.requireNonNull(exclude, "exclude").toArray(new Class<?>[0]);
    }

    /** Matches every failure. */
    public static ExceptionMatcher all() {
        return new ExceptionMatcher(List.of(Throwable.class), List.of());
    }

    public boolean test(Throwable failure) {
        return included(failure) && !excluded(failure);
    }

    /** Whether an include entry matches. */
    public boolean included(Throwable failure) {
        return matches(include, failure);
    }

    /** Whether an exclude entry matches. */
    public boolean excluded(Throwable failure) {
        return matches(exclude, failure);
    }

    /**
     * Whether an include entry that is {@code bound} or a subclass of it matches: "named explicitly", used so that a
     * default {@code retryOn = Exception.class} does not retry Steadfast's own rejections.
     */
    public boolean includedExplicitly(Throwable failure, Class<?> bound) {
        for (Class<?> c : include) {
            if (bound.isAssignableFrom(c) && c.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Class<?>[] classes, Throwable failure) {
        for (Class<?> c : classes) {
            if (c.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** Equal when both lists hold the same classes, in any order: {@code {A, B}} and {@code {B, A}} agree. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ExceptionMatcher m && sameClasses(include, m.include) && sameClasses(exclude, m.exclude);
    }

    private static boolean sameClasses(Class<?>[] a, Class<?>[] b) {
        return java.util.Set.of(distinct(a)).equals(java.util.Set.of(distinct(b)));
    }

    private static Class<?>[] distinct(Class<?>[] classes) {
        return java.util.Arrays.stream(classes).distinct().toArray(Class<?>[]::new);
    }

    /** {@code [IOException] except [FileNotFoundException]}, for messages. */
    @Override
    public String toString() {
        return names(include) + (exclude.length == 0 ? "" : " except " + names(exclude));
    }

    private static String names(Class<?>[] classes) {
        java.util.StringJoiner j = new java.util.StringJoiner(", ", "[", "]");
        for (Class<?> c : classes) {
            j.add(c.getSimpleName());
        }
        return j.toString();
    }

    /** Order-insensitive, like {@link #equals}. */
    @Override
    public int hashCode() {
        return 31 * java.util.Set.of(distinct(include)).hashCode() + java.util.Set.of(distinct(exclude)).hashCode();
    }
}
