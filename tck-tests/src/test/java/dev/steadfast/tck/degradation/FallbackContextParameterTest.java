package dev.steadfast.tck.degradation;

import dev.steadfast.FallbackContext;
import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import dev.steadfast.tck.support.TestContainer;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A fallback method may take a {@link FallbackContext} after the guarded method's parameters, before the failure
 * parameter (docs/annotations.md); any other place is a definition error (docs/validation.md).
 */
@EnableWeld
class FallbackContextParameterTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(Inventory.class);

    @Inject
    Inventory inventory;

    @Test
    void aFallbackMethodGetsTheCallsContext() throws IOException {
        assertEquals(-1, inventory.stock("A-1", 3));

        FallbackContext context = (FallbackContext) inventory.seen().get(0);
        assertEquals(Inventory.class.getName() + "#stock(String, int)", context.name());
        assertEquals("stock", context.method().orElseThrow().getName());
        assertArrayEquals(new Object[] {"A-1", 3}, context.arguments());
        assertEquals("inventory down", assertInstanceOf(IOException.class, context.failure()).getMessage());
    }

    @Test
    void withTheFailureParameterTheContextComesFirstAndCarriesTheFailureAsTheCallerWouldHaveIt() throws IOException {
        assertEquals(-2, inventory.stockRetried("B-2"));

        List<Object> seen = inventory.seen();
        FallbackContext context = (FallbackContext) seen.get(0);
        RetryExhaustedException exhausted = assertInstanceOf(RetryExhaustedException.class, context.failure());
        FileNotFoundException failure = assertInstanceOf(FileNotFoundException.class, seen.get(1));
        assertSame(exhausted.getCause(), failure, "the trailing parameter takes the cause when only the cause fits");
    }

    @Test
    void aContextAfterTheFailureParameterFailsTheDeploymentNamingTheOrder() {
        String bean = MisorderedContext.class.getName();
        assertEquals(List.of("@Fallback.fallbackMethod on " + bean + "#fetch(String): fallback method " + bean
                        + "#backup(String, IOException, FallbackContext) takes its FallbackContext after the failure;"
                        + " the FallbackContext parameter comes right after the guarded method's parameters and the"
                        + " failure parameter last: backup(String, FallbackContext, IOException)"),
                TestContainer.deploymentErrors(MisorderedContext.class));
    }

    @Test
    void aFallbackOfADegradedMethodMustAnswerADegradedOrItsValueType() {
        String bean = DegradedMismatch.class.getName();
        assertEquals(List.of("@Fallback.fallbackMethod on " + bean + "#fetch(): fallback method " + bean
                        + "#count() returns int, which is neither a Degraded nor assignable to String"),
                TestContainer.deploymentErrors(DegradedMismatch.class));
    }

    @Test
    void aHandlerOfADegradedMethodMustHandleADegradedOrItsValueType() {
        assertEquals(List.of("@Fallback.value on " + DegradedHandlerMismatch.class.getName() + "#fetch(): "
                        + CountHandler.class.getName() + " handles java.lang.Integer, which is neither a Degraded nor"
                        + " assignable to String"),
                TestContainer.deploymentErrors(DegradedHandlerMismatch.class));
    }
}
