package dev.steadfast.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The script the flaky service follows: phases one after the other, each for a share of the run. Written as
 * {@code healthy:10,slow:10,failing:10,down:15,recovering:15}: the weights are relative and scaled to the run's
 * duration, so the same scenario plays in 60 seconds or in 5.
 */
final class Scenario {

    static final String DEFAULT = "healthy:10,slow:10,failing:10,down:15,recovering:15";

    /** One phase of the script, from {@code startMillis} (inclusive) to {@code endMillis} (exclusive). */
    record Step(Phase phase, long startMillis, long endMillis) {
    }

    private final String text;
    private final List<Step> steps;

    private Scenario(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /**
     * Parses {@code phase:weight,...} and spreads the phases over {@code durationMillis}.
     *
     * @throws IllegalArgumentException naming the part that does not parse
     */
    static Scenario parse(String text, long durationMillis) {
        List<Phase> phases = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] pair = part.trim().split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("Scenario part '" + part + "' is not phase:weight");
            }
            phases.add(phase(pair[0].trim()));
            weights.add(weight(pair[1].trim(), part));
        }
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        List<Step> steps = new ArrayList<>();
        long start = 0;
        int sum = 0;
        for (int i = 0; i < phases.size(); i++) {
            sum += weights.get(i);
            long end = durationMillis * sum / total;
            steps.add(new Step(phases.get(i), start, end));
            start = end;
        }
        return new Scenario(text, steps);
    }

    List<Step> steps() {
        return steps;
    }

    long durationMillis() {
        return steps.get(steps.size() - 1).endMillis();
    }

    @Override
    public String toString() {
        return text;
    }

    private static Phase phase(String name) {
        try {
            return Phase.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown phase '" + name + "'; the phases are healthy, slow, failing,"
                    + " down and recovering");
        }
    }

    private static int weight(String text, String part) {
        try {
            int weight = Integer.parseInt(text);
            if (weight > 0) {
                return weight;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Scenario part '" + part + "' needs a positive whole weight");
    }
}
