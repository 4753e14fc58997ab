package dev.steadfast.tck.breaker;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static dev.steadfast.CircuitState.CLOSED;
import static dev.steadfast.CircuitState.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Where a breaker comes from (docs/annotations.md): on a class it gives each method its own breaker, a method-level one
 * replaces it; a subclass bean has its own; a method returning a stage is judged by the stage.
 */
@EnableWeld
class BreakerPlacementTest {

    private static final String PREFIX = ClassLevelBreaker.class.getName() + "#";

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(ClassLevelBreaker.class, StagedQuotes.class,
            BaseQuotes.class, SpecialQuotes.class);

    @Inject
    ClassLevelBreaker bean;

    @Inject
    StagedQuotes staged;

    @Inject
    BaseQuotes baseQuotes;

    @Inject
    SpecialQuotes specialQuotes;

    @Inject
    CircuitBreakers breakers;

    @Test
    void aClassLevelBreakerGivesEveryMethodItsOwnBreaker() {
        assertThrows(IOException.class, () -> bean.first(true));
        assertThrows(IOException.class, () -> bean.first(true));

        assertEquals(OPEN, breakers.get(PREFIX + "first").state());
        assertEquals(CLOSED, breakers.get(PREFIX + "second").state());
        assertThrows(CircuitOpenException.class, () -> bean.first(false));
    }

    @Test
    void aMethodLevelBreakerReplacesTheClassLevelOne() {
        assertThrows(IOException.class, () -> bean.third(true));

        assertEquals(OPEN, breakers.get(PREFIX + "third").state(), "a window of 1, not the class's 2");
    }

    @Test
    void overloadsHaveSeparateBreakersNamedWithTheirParameterTypes() {
        assertThrows(IOException.class, () -> bean.lookup(-1));

        List<String> names = breakers.all().stream().map(CircuitBreakerHandle::name)
                .filter(n -> n.startsWith(PREFIX + "lookup")).toList();
        assertEquals(List.of(PREFIX + "lookup(String)", PREFIX + "lookup(int)").stream().sorted().toList(), names);
        assertEquals(1, breakers.get(PREFIX + "lookup(int)").stats().failedCalls());
        assertEquals(0, breakers.get(PREFIX + "lookup(String)").stats().totalCalls());
    }

    @Test
    void aSubclassBeanHasItsOwnBreakerForAnInheritedMethod() throws IOException {
        assertThrows(IOException.class, () -> specialQuotes.quote(true));

        assertThrows(CircuitOpenException.class, () -> specialQuotes.quote(false));
        assertEquals(OPEN, breakers.get(SpecialQuotes.class.getName() + "#quote").state());
        assertEquals(CLOSED, breakers.get(BaseQuotes.class.getName() + "#quote").state());
        assertEquals("quote", baseQuotes.quote(false), "the base bean's breaker is still closed");
    }

    @Test
    void failedStagesOpenTheBreakerAndARejectionIsAFailedStage() throws Exception {
        assertIOFailure(staged.quote(true));
        assertIOFailure(staged.quote(true));
        assertEquals(OPEN, breakers.get(StagedQuotes.class.getName() + "#quote").state());

        CompletionStage<String> rejected = staged.quote(false);

        CompletionException e = assertThrows(CompletionException.class,
                () -> rejected.toCompletableFuture().join());
        CircuitOpenException open = assertInstanceOf(CircuitOpenException.class, e.getCause());
        assertEquals(StagedQuotes.class.getName() + "#quote", open.getBreakerName());
        assertEquals(2, staged.invocations(), "the rejected call must not reach the method");
    }

    private static void assertIOFailure(CompletionStage<String> stage) {
        CompletionException e = assertThrows(CompletionException.class,
                () -> stage.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join());
        assertInstanceOf(IOException.class, e.getCause());
    }
}
