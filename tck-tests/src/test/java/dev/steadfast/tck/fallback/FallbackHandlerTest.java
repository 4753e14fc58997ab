package dev.steadfast.tck.fallback;

import dev.steadfast.FallbackContext;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code @Fallback(SomeHandler.class)} (docs/annotations.md): a handler that is a CDI bean, or a plain class. */
@EnableWeld
class FallbackHandlerTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(Greeter.class, GreetingHandler.class);

    @Inject
    Greeter greeter;

    @Inject
    GreetingHandler greetingHandler;

    @Test
    void aHandlerThatIsACdiBeanAnswersForTheFailedCall() throws IOException {
        assertEquals("hello, Ada", greeter.greet("Ada"));
    }

    @Test
    void aHandlerThatIsACdiBeanIsThatBean() throws IOException {
        greetingHandler.greeting("good morning");

        assertEquals("good morning, Ada", greeter.greet("Ada"), "a separate instance would still say hello");
    }

    @Test
    void theHandlerSeesTheMethodTheArgumentsAndTheFailure() throws Exception {
        greeter.greet("Ada");

        FallbackContext context = greetingHandler.lastContext();
        assertEquals(Greeter.class.getName() + "#greet(String)", context.name());
        assertEquals(Optional.of(Greeter.class.getMethod("greet", String.class)), context.method());
        assertArrayEquals(new Object[] {"Ada"}, greetingHandler.lastArguments());
        IOException failure = assertInstanceOf(IOException.class, context.failure());
        assertEquals("greeting service down", failure.getMessage());
    }

    @Test
    void aHandlerThatIsNotABeanIsCreatedWithItsNoArgConstructor() {
        assertEquals("plain #1 for no hands for Ada", greeter.wave("Ada"));
    }

    @Test
    void aPlainHandlerIsCreatedOnceAndServesEveryCall() {
        int created = PlainHandler.created();

        greeter.wave("Ada");
        greeter.wave("Bob");
        String third = greeter.wave("Cy");

        assertEquals("plain #3 for no hands for Cy", third, "one instance handled all three calls");
        assertEquals(created, PlainHandler.created(), "no instance per call");
    }

    @Test
    void aFailingHandlersFailureReachesTheCaller() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> greeter.nod("Ada"));

        assertEquals("no fallback for " + Greeter.class.getName() + "#nod(String)", e.getMessage());
    }
}
