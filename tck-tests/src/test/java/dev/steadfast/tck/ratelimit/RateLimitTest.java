package dev.steadfast.tck.ratelimit;

import dev.steadfast.RateLimitExceededException;
import dev.steadfast.RetryAfterHint;
import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code @RateLimit} (docs/annotations.md): calls past the limit are rejected with the time until a permit is free. */
@EnableWeld
class RateLimitTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(ThreePerMinute.class, SpacedOut.class,
            OnePerMinuteDependent.class, SmoothFivePerMinute.class);

    @Inject
    ThreePerMinute threePerMinute;

    @Inject
    SpacedOut spacedOut;

    @Inject
    SmoothFivePerMinute smooth;

    @Inject
    OnePerMinuteDependent firstInstance;

    @Inject
    OnePerMinuteDependent secondInstance;

    @Test
    void admitsValueCallsPerWindowThenRejectsTheNextWithoutInvokingTheMethod() {
        assertEquals(1, threePerMinute.call());
        assertEquals(2, threePerMinute.call());
        assertEquals(3, threePerMinute.call());

        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, threePerMinute::call);

        assertEquals(3, threePerMinute.invocations(), "the rejected call must not reach the method");
        assertEquals(ThreePerMinute.class.getName() + "#call()", e.getMethod());
        assertTrue(e.getMessage().contains(e.getMethod()), e.getMessage());
    }

    @Test
    void rejectionTellsWhenAPermitIsFreeWithinTheWindow() {
        for (int i = 0; i < 3; i++) {
            threePerMinute.call();
        }
        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, threePerMinute::call);

        Duration retryAfter = e.getRetryAfter();
        assertTrue(retryAfter.compareTo(Duration.ZERO) > 0, "retry after " + retryAfter);
        assertTrue(retryAfter.compareTo(Duration.ofMinutes(1)) <= 0, "retry after " + retryAfter + " > window");
        assertEquals(Optional.of(retryAfter), ((RetryAfterHint) e).retryAfter(), "the hint a @Retry would follow");
    }

    @Test
    void rejectsACallSoonerThanMinSpacingAfterThePreviousOne() {
        assertEquals(1, spacedOut.call());

        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, spacedOut::call);

        assertEquals(1, spacedOut.invocations());
        assertTrue(e.getRetryAfter().compareTo(Duration.ZERO) > 0, "retry after " + e.getRetryAfter());
        assertTrue(e.getRetryAfter().compareTo(Duration.ofMillis(100)) <= 0,
                "retry after " + e.getRetryAfter() + " > minSpacing 100 ms");
    }

    @Test
    void admitsTheNextCallOnceMinSpacingHasPassed() throws InterruptedException {
        long firstCallStarted = System.nanoTime();
        spacedOut.call();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                assertEquals(2, spacedOut.call());
                break;
            } catch (RateLimitExceededException e) {
                if (System.nanoTime() - deadline > 0) {
                    fail("no call admitted within 5 s; last retry-after " + e.getRetryAfter());
                }
                TimeUnit.NANOSECONDS.sleep(e.getRetryAfter().toNanos()); // the wait the limiter asked for
            }
        }
        Duration apart = Duration.ofNanos(System.nanoTime() - firstCallStarted);
        assertTrue(apart.compareTo(Duration.ofMillis(100)) >= 0, "admitted only " + apart + " after the first");
    }

    @Test
    void smoothLimitAdmitsABurstOfValueThenGivesPermitsBackOneByOne() {
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, smooth.call());
        }

        RateLimitExceededException e = assertThrows(RateLimitExceededException.class, smooth::call);

        assertTrue(e.getRetryAfter().compareTo(Duration.ZERO) > 0, "retry after " + e.getRetryAfter());
        assertTrue(e.getRetryAfter().compareTo(Duration.ofSeconds(12)) <= 0,
                "one permit comes back every window / value = 12 s, yet retry after " + e.getRetryAfter());
    }

    @Test
    void allInstancesOfABeanShareOneRateLimitPerMethod() {
        assertNotSame(firstInstance, secondInstance);
        assertEquals("admitted", firstInstance.call());
        assertThrows(RateLimitExceededException.class, secondInstance::call, "the limit is per class and method");
        assertEquals("admitted", secondInstance.other(), "another method has a limit of its own");
    }
}
