package dev.steadfast.guard;

import dev.steadfast.engine.Violation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where a programmatic guard's values come from: turns a policy's {@linkplain Violation violations} into the
 * {@link IllegalArgumentException} of the builder, naming the guard, the option, the value and the rule:
 * {@code Guard 'quotes': retry maxDelay PT0.05S is below delay PT0.1S; a cap must not be below the delay}. The rules
 * themselves are the policies'.
 */
final class Rules {

    private final String guard;

    Rules(String guard) {
        this.guard = guard;
    }

    /**
     * Throws for the first violation, if any.
     *
     * @param option the option a member is set with: {@code member -> "retry " + member}
     */
    void check(List<Violation> violations, UnaryOperator<String> option) {
        if (!violations.isEmpty()) {
            Violation v = violations.get(0);
            throw broken(option.apply(v.member()), shown(v.value()), v.rule(shown(v.otherValue())));
        }
    }

    IllegalArgumentException broken(String option, Object value, String rule) {
        return new IllegalArgumentException("Guard '" + guard + "': " + option + " " + value + " " + rule);
    }

    /** A value as it was given to the builder: a time as the {@link Duration} it was. */
    private static String shown(Object value) {
        return String.valueOf(value);
    }

    static <T> List<T> listOf(T[] values, String option) {
        for (T v : values) {
            Objects.requireNonNull(v, option);
        }
        return List.of(values);
    }
}
