package dev.steadfast.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScenarioTest {

    @Test
    void weightsAreSharesOfTheDuration() {
        Scenario scenario = Scenario.parse("healthy:1, down:3", 8000);

        assertEquals(List.of(new Scenario.Step(Phase.HEALTHY, 0, 2000), new Scenario.Step(Phase.DOWN, 2000, 8000)),
                scenario.steps());
        assertEquals(8000, scenario.durationMillis());
    }

    @Test
    void theDefaultScenarioPlaysEveryPhaseInSixtySeconds() {
        Main.Options options = Main.Options.parse();

        assertEquals(60, options.durationSeconds());
        assertEquals(12, options.clients());
        assertEquals(List.of(Phase.values()), options.scenario().steps().stream().map(Scenario.Step::phase).toList());
        assertEquals(60_000, options.scenario().durationMillis());
    }

    @Test
    void badOptionsAreNamed() {
        assertEquals("Unknown phase 'flaky'; the phases are healthy, slow, failing, down and recovering",
                assertThrows(IllegalArgumentException.class, () -> Scenario.parse("healthy:1,flaky:2", 1000))
                        .getMessage());
        assertEquals("Scenario part 'slow:0' needs a positive whole weight",
                assertThrows(IllegalArgumentException.class, () -> Scenario.parse("slow:0", 1000)).getMessage());
        assertEquals("--clients needs a whole number of at least 1: none",
                assertThrows(IllegalArgumentException.class, () -> Main.Options.parse("--clients", "none"))
                        .getMessage());
        assertNull(Main.Options.parse("--duration", "10", "--help"));
    }
}
