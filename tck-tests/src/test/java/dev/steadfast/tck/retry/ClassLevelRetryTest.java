package dev.steadfast.tck.retry;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code @Retry} on a class guards every business method, and one on a method replaces it (docs/annotations.md); the
 * annotation is {@code @Inherited}.
 */
@EnableWeld
class ClassLevelRetryTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.of(ClassLevelRetry.class, RetriedSubclass.class, Counters.class);

    @Inject
    ClassLevelRetry bean;

    @Inject
    RetriedSubclass subclass;

    @Inject
    Counters counters;

    @Test
    void aClassLevelRetryAppliesToEveryBusinessMethod() {
        RetryExhaustedException first = assertThrows(RetryExhaustedException.class, bean::inherited);
        RetryExhaustedException second = assertThrows(RetryExhaustedException.class, bean::alsoInherited);

        assertEquals(2, first.getAttempts());
        assertEquals(2, counters.get("inherited"));
        assertEquals(2, second.getAttempts());
        assertEquals(2, counters.get("alsoInherited"));
    }

    @Test
    void aMethodLevelRetryReplacesTheClassLevelOne() {
        RetryExhaustedException e = assertThrows(RetryExhaustedException.class, bean::replaced);

        assertEquals(5, e.getAttempts());
        assertEquals(5, counters.get("replaced"));
    }

    @Test
    void aMethodLevelAnnotationOfAnotherKindAddsToTheClassLevelRetry() throws Exception {
        assertEquals("fallback after 2", bean.combined(), "retried once (class level), then the fallback answered");
    }

    @Test
    void aRetryOnASuperclassAppliesToTheSubclassBean() {
        RetryExhaustedException inheritedMethod = assertThrows(RetryExhaustedException.class, subclass::call);
        RetryExhaustedException ownMethod = assertThrows(RetryExhaustedException.class, subclass::own);

        assertEquals(3, inheritedMethod.getAttempts());
        assertEquals(3, counters.get("sub.call"));
        assertEquals(3, ownMethod.getAttempts());
        assertEquals(3, counters.get("sub.own"));
    }
}
