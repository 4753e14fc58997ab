package dev.steadfast.impl.cdi;

import dev.steadfast.engine.Violation;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the members of one annotation of one method against config (docs/configuration.md): the most specific key
 * wins, then the annotation's own value. Parse errors are added to {@link Problems} with a message naming the annotation,
 * member, method, value (and key) and rule; the annotation value stands in so that reading goes on and every problem
 * is reported at once. The rules of a policy are the engine's: {@link #report} words its violations, saying where
 * each value came from.
 */
final class MemberReader {

    /** A member's value found in config: the key that set it and the value as written (trimmed). */
    record Configured(String key, String value) {
    }

    private static final Pattern SUFFIXED = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)");

    private final ConfigLookup config;
    private final PolicyKind kind;
    private final List<String> prefixes;
    private final String where;
    private final Problems problems;
    private final ClassLoader loader;
    /** Every member read so far, as written: what a violation's message shows. */
    private final Map<String, Written> read = new HashMap<>();
    /** Problems this reader added: parse errors and reported violations. */
    private int reported;

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

    /**
     * The key prefixes of {@code docs/configuration.md}; a {@code name} (of a breaker, a rate limiter or a retry
     * budget) adds the named level first: {@code steadfast.<kind>."<name>".}, e.g.
     * {@code steadfast.rate-limit."<name>".}.
     */
    static List<String> prefixes(PolicyKind kind, String className, String methodName, String name) {
        List<String> p = new ArrayList<>(4);
        if (name != null && !name.isEmpty()) {
            p.add("steadfast." + kind.key + ".\"" + name + "\".");
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

    /** The most specific config value of a member. */
    Optional<Configured> lookup(String member) {
        String suffix = kebab(member);
        for (String prefix : prefixes) {
            String key = prefix + suffix;
            Optional<String> v = config.get(key);
            if (v.isPresent()) {
                return Optional.of(new Configured(key, v.get().trim()));
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

    /**
     * Adds a problem for each of a policy's violations, naming the annotation, member and method, the value as
     * written (with the config key that set it) and the rule; a rule that compares two times shows both with their
     * units. A violation about a member whose value could not be read is skipped: reading it was already reported,
     * and the rule would only judge the stand-in value.
     *
     * @return whether this reader has reported nothing, parse errors included: then the policy may be built
     */
    boolean report(List<Violation> violations) {
        for (Violation v : violations) {
            if (brokenRead(v.member()) || (v.other() != null && brokenRead(v.other()))) {
                continue;
            }
            add(subject(v.member()) + shown(v.member(), v.value(), v.comparesTimes()) + " "
                    + v.rule(shown(v.other(), v.otherValue(), true)));
        }
        return reported == 0;
    }

    private boolean brokenRead(String member) {
        Written w = read.get(member);
        return w != null && w.broken();
    }

    private String shown(String member, Object value, boolean withUnit) {
        Written w = member == null ? null : read.get(member);
        if (w == null) {
            return Violation.show(value);
        }
        return withUnit ? w.shownWithUnit() : w.shown();
    }

    private void add(String message) {
        reported++;
        problems.add(message);
    }

    private <T extends Written> T remember(String member, T written) {
        read.put(member, written);
        return written;
    }

    Value<Integer> integer(String member, int annotationValue) {
        Optional<Configured> c = lookup(member);
        Value<Integer> own = new Value<>(annotationValue, Integer.toString(annotationValue), null);
        if (c.isEmpty()) {
            return remember(member, own);
        }
        try {
            return remember(member, new Value<>(Integer.parseInt(c.get().value()), c.get().value(), c.get().key()));
        } catch (NumberFormatException e) {
            unparsable(member, c.get(), "is not an integer");
            return remember(member, own);
        }
    }

    Value<Double> decimal(String member, double annotationValue) {
        Optional<Configured> c = lookup(member);
        Value<Double> own = new Value<>(annotationValue, Double.toString(annotationValue), null);
        if (c.isEmpty()) {
            return remember(member, own);
        }
        try {
            double d = Double.parseDouble(c.get().value());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return remember(member, new Value<>(d, c.get().value(), c.get().key()));
        } catch (NumberFormatException e) {
            unparsable(member, c.get(), "is not a number");
            return remember(member, own);
        }
    }

    Value<String> string(String member, String annotationValue) {
        Optional<Configured> c = lookup(member);
        return remember(member, c.map(kv -> new Value<>(kv.value(), kv.value(), kv.key()))
                .orElseGet(() -> new Value<>(annotationValue, annotationValue, null)));
    }

    <E extends Enum<E>> Value<E> enumeration(String member, E annotationValue) {
        Optional<Configured> c = lookup(member);
        Value<E> own = new Value<>(annotationValue, annotationValue.name(), null);
        if (c.isEmpty()) {
            return remember(member, own);
        }
        Class<E> type = annotationValue.getDeclaringClass();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(c.get().value())) {
                return remember(member, new Value<>(e, c.get().value(), c.get().key()));
            }
        }
        unparsable(member, c.get(), "is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        return remember(member, own);
    }

    /** A boolean {@code enabled}-style member read from config only, or empty. */
    Optional<Boolean> flag(String member) {
        Optional<Configured> c = lookup(member);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        String v = c.get().value();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(v));
        }
        unparsable(member, c.get(), "is not true or false");
        return Optional.empty();
    }

    /**
     * A time member with its unit member: a config value may be a number in the (possibly configured) unit, a number
     * with {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}, or an ISO-8601 duration.
     * A time that does not parse, or is too large for a {@code long} of nanoseconds, is a problem; such a time comes
     * back {@link Time#broken() broken} with 0 nanoseconds, so that the policy's rules do not judge it. Whether a
     * time is negative is a rule of the policy's.
     */
    Time nanos(String member, long annotationValue, String unitMember, ChronoUnit annotationUnit) {
        Value<ChronoUnit> unit = enumeration(unitMember, annotationUnit);
        if (unit.value().isDurationEstimated()) {
            add(subject(unitMember) + unit.shown() + " is not an exact unit (use NANOS to DAYS)");
            unit = new Value<>(ChronoUnit.MILLIS, "MILLIS", null);
        }
        ChronoUnit u = unit.value();
        Optional<Configured> c = lookup(member);
        String raw = c.isEmpty() ? Long.toString(annotationValue) : c.get().value();
        String key = c.isEmpty() ? null : c.get().key();
        Long nanos = c.isEmpty() ? toNanos(member, annotationValue, u, raw, null) : parseTime(member, c.get(), u);
        return remember(member, new Time(nanos == null ? 0 : nanos, raw, key, u, nanos == null));
    }

    private Long parseTime(String member, Configured kv, ChronoUnit unit) {
        String raw = kv.value();
        try {
            if (raw.matches("-?\\d+")) {
                return toNanos(member, Long.parseLong(raw), unit, raw, kv.key());
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
                return toNanos(member, Long.parseLong(m.group(1)), u, raw, kv.key());
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
            add(subject(member) + new Value<>(amount, raw, key).shown() + " is too large");
            return null;
        }
    }

    /** A list of failure classes; a config value is a comma-separated list of class names. */
    Value<List<Class<? extends Throwable>>> classes(String member, Class<? extends Throwable>[] annotationValue) {
        Optional<Configured> c = lookup(member);
        if (c.isEmpty()) {
            return remember(member, new Value<>(List.of(annotationValue), java.util.Arrays.toString(annotationValue),
                    null));
        }
        List<Class<? extends Throwable>> result = new ArrayList<>();
        for (String name : c.get().value().split(",")) {
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
        return remember(member, new Value<>(List.copyOf(result), c.get().value(), c.get().key()));
    }

    /** A class member read from config as a class name, checked to be a subtype of {@code bound}. */
    <T> Value<Class<? extends T>> type(String member, Class<? extends T> annotationValue, Class<T> bound) {
        Optional<Configured> c = lookup(member);
        Value<Class<? extends T>> own = new Value<>(annotationValue, annotationValue.getName(), null);
        if (c.isEmpty()) {
            return remember(member, own);
        }
        try {
            Class<?> cls = Class.forName(c.get().value(), false, loader);
            if (bound.isAssignableFrom(cls)) {
                return remember(member, new Value<>(cls.asSubclass(bound), c.get().value(), c.get().key()));
            }
            unparsable(member, c.get(), "is not a " + bound.getName());
        } catch (ClassNotFoundException | LinkageError e) {
            unparsable(member, c.get(), "cannot be loaded");
        }
        return remember(member, own);
    }

    private void unparsable(String member, Configured kv, String rule) {
        add(subject(member) + "'" + kv.value() + "' (from config key " + kv.key() + ") " + rule);
    }
}
