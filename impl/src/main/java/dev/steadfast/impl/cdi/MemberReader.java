package dev.steadfast.impl.cdi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves an annotation's members against config (docs/configuration.md): the most specific key wins, then
 * the annotation's own value. Parse errors and broken rules are added to {@link Problems} with a message naming the
 * annotation, member, method, value (and key) and rule; the annotation value stands in so that reading goes on and
 * every problem is reported at once.
 */
final class MemberReader {

    private static final Pattern SUFFIXED = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");

    private final ConfigLookup config;
    private final PolicyKind kind;
    private final List<String> prefixes;
    private final String where;
    private final Problems problems;
    private final ClassLoader loader;

    /**
     * @param prefixes key prefixes, most specific first, each ending in {@code "."}
     * @param where    the method as messages name it
     */
    MemberReader(ConfigLookup config, PolicyKind kind, List<String> prefixes, String where, Problems problems,
            ClassLoader loader) {
        this.config = config;
        this.kind = kind;
        this.prefixes = prefixes;
        this.where = where;
        this.problems = problems;
        this.loader = loader;
    }

    /** The key prefixes of {@code docs/configuration.md}; {@code breakerName} adds the named level first. */
    static List<String> prefixes(PolicyKind kind, String className, String methodName, String breakerName) {
        List<String> p = new ArrayList<>(4);
        if (breakerName != null && !breakerName.isEmpty()) {
            p.add("steadfast.circuit-breaker.\"" + breakerName + "\".");
        }
        p.add("steadfast.\"" + className + "/" + methodName + "\"." + kind.key + ".");
        p.add("steadfast.\"" + className + "\"." + kind.key + ".");
        p.add("steadfast.global." + kind.key + ".");
        return p;
    }

    /** {@code maxRetries} to {@code max-retries}. */
    static String kebab(String member) {
        StringBuilder b = new StringBuilder(member.length() + 4);
        for (char c : member.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The most specific config value of a member: key and raw value. */
    Optional<String[]> lookup(String member) {
        String suffix = kebab(member);
        for (String prefix : prefixes) {
            String key = prefix + suffix;
            Optional<String> v = config.get(key);
            if (v.isPresent()) {
                return Optional.of(new String[] {key, v.get().trim()});
            }
        }
        return Optional.empty();
    }

    /** Message start: {@code @Retry.jitter on com.acme.Quotes#fetch(): }. */
    String subject(String member) {
        return kind.display() + "." + member + " on " + where + ": ";
    }

    /** Message start without a member: {@code @Asynchronous on com.acme.Quotes#fetch(): }. */
    String kindSubject() {
        return kind.display() + " on " + where + ": ";
    }

    void problem(String member, Value<?> v, String rule) {
        problems.add(subject(member) + v.shown() + " " + rule);
    }

    Value<Integer> integer(String member, int annotationValue) {
        Optional<String[]> c = lookup(member);
        if (c.isEmpty()) {
            return new Value<>(annotationValue, Integer.toString(annotationValue), null);
        }
        try {
            return new Value<>(Integer.parseInt(c.get()[1]), c.get()[1], c.get()[0]);
        } catch (NumberFormatException e) {
            unparsable(member, c.get(), "is not an integer");
            return new Value<>(annotationValue, Integer.toString(annotationValue), null);
        }
    }

    Value<Double> decimal(String member, double annotationValue) {
        Optional<String[]> c = lookup(member);
        if (c.isEmpty()) {
            return new Value<>(annotationValue, Double.toString(annotationValue), null);
        }
        try {
            double d = Double.parseDouble(c.get()[1]);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return new Value<>(d, c.get()[1], c.get()[0]);
        } catch (NumberFormatException e) {
            unparsable(member, c.get(), "is not a number");
            return new Value<>(annotationValue, Double.toString(annotationValue), null);
        }
    }

    Value<String> string(String member, String annotationValue) {
        Optional<String[]> c = lookup(member);
        return c.map(kv -> new Value<>(kv[1], kv[1], kv[0]))
                .orElseGet(() -> new Value<>(annotationValue, annotationValue, null));
    }

    <E extends Enum<E>> Value<E> enumeration(String member, E annotationValue) {
        Optional<String[]> c = lookup(member);
        if (c.isEmpty()) {
            return new Value<>(annotationValue, annotationValue.name(), null);
        }
        Class<E> type = annotationValue.getDeclaringClass();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(c.get()[1])) {
                return new Value<>(e, c.get()[1], c.get()[0]);
            }
        }
        unparsable(member, c.get(), "is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        return new Value<>(annotationValue, annotationValue.name(), null);
    }

    /** A boolean {@code enabled}-style member read from config only, or empty. */
    Optional<Boolean> flag(String member) {
        Optional<String[]> c = lookup(member);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        String v = c.get()[1];
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(v));
        }
        unparsable(member, c.get(), "is not true or false");
        return Optional.empty();
    }

    /**
     * A time member with its unit member: a config value may be a number in the (possibly configured) unit, a number
     * with {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, or an ISO-8601 duration.
     * Negative times and times too large for a {@code long} of nanoseconds are problems; such a time comes back
     * {@link Time#broken() broken} with 0 nanoseconds, so that later rules do not report it again.
     */
    Time nanos(String member, long annotationValue, String unitMember, ChronoUnit annotationUnit) {
        Value<ChronoUnit> unit = enumeration(unitMember, annotationUnit);
        if (unit.value().isDurationEstimated()) {
            problem(unitMember, unit, "is not an exact unit (use NANOS to DAYS)");
            unit = new Value<>(ChronoUnit.MILLIS, "MILLIS", null);
        }
        ChronoUnit u = unit.value();
        Optional<String[]> c = lookup(member);
        String raw = c.isEmpty() ? Long.toString(annotationValue) : c.get()[1];
        String key = c.isEmpty() ? null : c.get()[0];
        Long nanos = c.isEmpty() ? toNanos(member, annotationValue, u, raw, null) : parseTime(member, c.get(), u);
        if (nanos == null) {
            return new Time(0, raw, key, u, true);
        }
        Time result = new Time(nanos, raw, key, u, false);
        if (nanos < 0) {
            problems.add(subject(member) + result.shown() + " is negative; times must be 0 or more");
            return new Time(0, raw, key, u, true);
        }
        return result;
    }

    /** A rule broken by a valid time: {@code @Retry.maxDelay on ...: 500 ms is below delay 1 s; ...}. */
    void problem(String member, Time t, String rule) {
        problems.add(subject(member) + t.shownWithUnit() + " " + rule);
    }

    private Long parseTime(String member, String[] kv, ChronoUnit unit) {
        String raw = kv[1];
        try {
            if (raw.matches("-?\\d+")) {
                return toNanos(member, Long.parseLong(raw), unit, raw, kv[0]);
            }
            Matcher m = SUFFIXED.matcher(raw.toLowerCase(Locale.ROOT));
            if (m.matches()) {
                ChronoUnit u = switch (m.group(2)) {
                    case "ns" -> ChronoUnit.NANOS;
                    case "us" -> ChronoUnit.MICROS;
                    case "ms" -> ChronoUnit.MILLIS;
                    case "s" -> ChronoUnit.SECONDS;
                    case "m" -> ChronoUnit.MINUTES;
                    case "h" -> ChronoUnit.HOURS;
                    default -> ChronoUnit.DAYS;
                };
                return toNanos(member, Long.parseLong(m.group(1)), u, raw, kv[0]);
            }
            return Duration.parse(raw.toUpperCase(Locale.ROOT)).toNanos();
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            unparsable(member, kv, "is not a time: use a number in the member's unit, a number with ms, s, m or h,"
                    + " or an ISO-8601 duration such as PT30S");
            return null;
        }
    }

    private Long toNanos(String member, long amount, ChronoUnit unit, String raw, String key) {
        try {
            return Duration.of(amount, unit).toNanos();
        } catch (ArithmeticException e) {
            problem(member, new Value<>(amount, raw, key), "is too large");
            return null;
        }
    }

    /** A list of failure classes; a config value is a comma-separated list of class names. */
    Value<List<Class<? extends Throwable>>> classes(String member, Class<? extends Throwable>[] annotationValue) {
        Optional<String[]> c = lookup(member);
        if (c.isEmpty()) {
            return new Value<>(List.of(annotationValue), java.util.Arrays.toString(annotationValue), null);
        }
        List<Class<? extends Throwable>> result = new ArrayList<>();
        for (String name : c.get()[1].split(",")) {
            String n = name.trim();
            if (n.isEmpty()) {
                continue;
            }
            try {
                Class<?> cls = Class.forName(n, false, loader);
                if (!Throwable.class.isAssignableFrom(cls)) {
                    unparsable(member, c.get(), "names " + n + ", which is not a Throwable");
                    continue;
                }
                result.add(cls.asSubclass(Throwable.class));
            } catch (ClassNotFoundException | LinkageError e) {
                unparsable(member, c.get(), "names class " + n + ", which cannot be loaded");
            }
        }
        return new Value<>(List.copyOf(result), c.get()[1], c.get()[0]);
    }

    /** A class member read from config as a class name, checked to be a subtype of {@code bound}. */
    <T> Value<Class<? extends T>> type(String member, Class<? extends T> annotationValue, Class<T> bound) {
        Optional<String[]> c = lookup(member);
        if (c.isEmpty()) {
            return new Value<>(annotationValue, annotationValue.getName(), null);
        }
        try {
            Class<?> cls = Class.forName(c.get()[1], false, loader);
            if (bound.isAssignableFrom(cls)) {
                return new Value<>(cls.asSubclass(bound), c.get()[1], c.get()[0]);
            }
            unparsable(member, c.get(), "is not a " + bound.getName());
        } catch (ClassNotFoundException | LinkageError e) {
            unparsable(member, c.get(), "cannot be loaded");
        }
        return new Value<>(annotationValue, annotationValue.getName(), null);
    }

    private void unparsable(String member, String[] kv, String rule) {
        problems.add(subject(member) + "'" + kv[1] + "' (from config key " + kv[0] + ") " + rule);
    }
}
