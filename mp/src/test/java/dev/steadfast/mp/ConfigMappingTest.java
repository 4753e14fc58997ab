package dev.steadfast.mp;

import dev.steadfast.mp.beans.ClassLevelRetry;
import dev.steadfast.mp.beans.Flaky;
import dev.steadfast.mp.support.MpContainer;
import org.testng.annotations.Test;

import java.util.List;
import java.util.Map;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

/** The MicroProfile config keys: which key wins, switching policies off and on, values that do not parse. */
public class ConfigMappingTest {

    private static final String FLAKY = Flaky.class.getName();
    private static final String CLASS_LEVEL = ClassLevelRetry.class.getName();

    private static int callsOfFail(Map<String, String> config) {
        try (MpContainer c = MpContainer.start(config, Flaky.class)) {
            Flaky flaky = c.select(Flaky.class);
            assertThrows(IllegalStateException.class, flaky::fail);
            return flaky.calls();
        }
    }

    private static int callsOfClassLevel(Map<String, String> config) {
        try (MpContainer c = MpContainer.start(config, ClassLevelRetry.class)) {
            ClassLevelRetry bean = c.select(ClassLevelRetry.class);
            assertThrows(IllegalStateException.class, bean::fail);
            return bean.calls();
        }
    }

    @Test
    public void theAnnotationAppliesWithoutConfig() {
        assertEquals(callsOfFail(Map.of()), 4);
    }

    @Test
    public void theMethodKeyWinsOverTheGlobalKey() {
        assertEquals(callsOfFail(Map.of(FLAKY + "/fail/Retry/maxRetries", "1", "Retry/maxRetries", "5")), 2);
    }

    @Test
    public void theGlobalKeyOverridesEveryAnnotation() {
        assertEquals(callsOfFail(Map.of("Retry/maxRetries", "0")), 1);
    }

    @Test
    public void theClassKeyDoesNotTouchAnAnnotationOnTheMethod() {
        assertEquals(callsOfFail(Map.of(FLAKY + "/Retry/maxRetries", "0")), 4);
    }

    @Test
    public void theClassKeyOverridesAnAnnotationOnTheClass() {
        assertEquals(callsOfClassLevel(Map.of(CLASS_LEVEL + "/Retry/maxRetries", "3", "Retry/maxRetries", "5")), 4);
    }

    @Test
    public void theMethodKeyAlsoOverridesAnAnnotationOnTheClass() {
        assertEquals(callsOfClassLevel(Map.of(CLASS_LEVEL + "/fail/Retry/maxRetries", "2",
                CLASS_LEVEL + "/Retry/maxRetries", "3")), 3);
    }

    @Test
    public void anAnnotationSwitchedOffGloballyRunsOnce() {
        assertEquals(callsOfFail(Map.of("Retry/enabled", "false")), 1);
    }

    @Test
    public void theMethodLevelEnabledKeyWinsOverTheGlobalOne() {
        assertEquals(callsOfFail(Map.of("Retry/enabled", "false", FLAKY + "/fail/Retry/enabled", "true")), 4);
    }

    @Test
    public void theClassLevelEnabledKeyWinsOverNonFallbackEnabled() {
        assertEquals(callsOfFail(Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false",
                FLAKY + "/Retry/enabled", "true")), 4);
    }

    @Test
    public void nonFallbackEnabledFalseKeepsTheFallback() {
        try (MpContainer c = MpContainer.start(Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false"),
                Flaky.class)) {
            Flaky flaky = c.select(Flaky.class);
            assertEquals(flaky.failWithFallback(), "fallback after 1");
        }
    }

    @Test
    public void retriesExhaustedRethrowTheLastFailure() {
        try (MpContainer c = MpContainer.start(Map.of(), Flaky.class)) {
            Flaky flaky = c.select(Flaky.class);
            IllegalStateException e = expectThrows(IllegalStateException.class, flaky::fail);
            assertEquals(e.getMessage(), "failure 4");
        }
    }

    @Test
    public void aValueThatDoesNotParseFailsTheDeploymentNamingKeyAndValue() {
        List<String> errors = MpContainer.deploymentErrors(Map.of(FLAKY + "/fail/Retry/maxRetries", "many"),
                Flaky.class);
        assertEquals(errors.size(), 1, errors.toString());
        assertTrue(errors.get(0).contains(FLAKY + "/fail/Retry/maxRetries") && errors.get(0).contains("'many'"),
                errors.get(0));
    }

    @Test
    public void aConfiguredValueIsValidatedLikeAnAnnotationValue() {
        List<String> errors = MpContainer.deploymentErrors(Map.of("Retry/maxRetries", "-5"), Flaky.class);
        assertTrue(errors.contains("@Retry.maxRetries on " + FLAKY + "#fail(): -5 is below -1; use -1 for no count limit"),
                errors.toString());
    }
}
