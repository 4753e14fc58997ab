package dev.steadfast.engine.breaker;

import dev.steadfast.engine.LincheckBudget;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.BooleanGen;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The breaker's {@link RollingWindow} (three atomics, each changed once per outcome) is linearizable against
 * {@link Spec}, the list of outcomes in the order they were recorded: a window of 2 that opens on 2 failures, so
 * that, with three outcomes before and six in parallel, calls fill it, roll it, and race for one slot a lap apart.
 */
public class RollingWindowLincheckTest {

    static final int SIZE = 2;
    static final int THRESHOLD = 2;

    private final RollingWindow window = new RollingWindow(SIZE, THRESHOLD);

    @Operation
    public boolean record(@Param(gen = BooleanGen.class) boolean failure) {
        return window.record(failure);
    }

    @Test
    void isLinearizableUnderModelChecking() {
        LincheckBudget.modelCheck(getClass(), Spec.class);
    }

    @Test
    void isLinearizableUnderStress() {
        LincheckBudget.stress(getClass(), Spec.class);
    }

    /**
     * Regression (found by this test): a success claimed the first slot and stopped before counting itself; the
     * other thread's two failures filled the window and lapped that slot, and the late success then reported the
     * opening. Every order of these three outcomes has the success in the window when it is last, so it must not.
     */
    @Test
    void aLateSuccessNeverOpensOnAWindowOfFailuresThatLappedIt() {
        var s = LincheckBudget.scenario(getClass());
        LincheckBudget.modelCheck(getClass(), Spec.class, s
                .thread(s.op("record", true), s.op("record", true))
                .thread(s.op("record", false))
                .build());
    }

    /**
     * Regression (found by this test): after one failure, a second failure claimed its slot while a success and a
     * failure went by on the other thread; the second failure counted itself only after the success had replaced
     * the first failure, and the breaker never opened, though in every order of these calls two failures follow
     * each other at some point.
     */
    @Test
    void twoFailuresInARowAlwaysOpenWhateverOverlapsThem() {
        var s = LincheckBudget.scenario(getClass());
        LincheckBudget.modelCheck(getClass(), Spec.class, s
                .before("record", true)
                .thread(s.op("record", false), s.op("record", true))
                .thread(s.op("record", true))
                .build());
    }

    /**
     * Every outcome, in order. Once {@code SIZE} outcomes are in, the window is the last {@code SIZE} of them; an
     * outcome says "open" when the window is full and holds at least {@code THRESHOLD} failures, unless it replaced
     * an equal outcome (the window did not change, and the decision was already taken the first time).
     */
    public static final class Spec {

        private final List<Boolean> outcomes = new ArrayList<>();

        public boolean record(boolean failure) {
            outcomes.add(failure);
            int n = outcomes.size();
            if (n > SIZE && outcomes.get(n - 1 - SIZE) == failure) {
                return false;
            }
            return n >= SIZE && outcomes.subList(n - SIZE, n).stream().filter(f -> f).count() >= THRESHOLD;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && window().equals(s.window());
        }

        @Override
        public int hashCode() {
            return Objects.hash(window());
        }

        private List<Boolean> window() {
            return n() < SIZE ? outcomes : outcomes.subList(n() - SIZE, n());
        }

        private int n() {
            return outcomes.size();
        }
    }
}
