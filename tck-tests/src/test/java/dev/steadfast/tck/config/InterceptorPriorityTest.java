package dev.steadfast.tck.config;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code steadfast.interceptor.priority} moves Steadfast's interceptor among the app's (docs/configuration.md). */
class InterceptorPriorityTest {

    @Test
    void byDefaultSteadfastRunsOutsideAnApplicationInterceptorAtPriority4500() {
        try (TestContainer c = start(Map.of())) {
            assertThrows(RetryExhaustedException.class, () -> c.select(AuditedService.class).call());

            assertEquals(3, c.select(Counters.class).get("call"));
            assertEquals(3, c.select(Counters.class).get("audited call"), "the inner interceptor sees every attempt");
        }
    }

    @Test
    void withPriority5000SteadfastDeploysAndStillGuardsTheMethod() {
        try (TestContainer c = start(Map.of("steadfast.interceptor.priority", "5000"))) {
            RetryExhaustedException e = assertThrows(RetryExhaustedException.class,
                    () -> c.select(AuditedService.class).call());

            assertEquals(3, e.getAttempts());
            assertEquals(3, c.select(Counters.class).get("call"));
        }
    }

    @Test
    void withPriority5000SteadfastRunsInsideTheApplicationInterceptor() {
        try (TestContainer c = start(Map.of("steadfast.interceptor.priority", "5000"))) {
            assertThrows(RetryExhaustedException.class, () -> c.select(AuditedService.class).call());

            assertEquals(1, c.select(Counters.class).get("audited call"), "the outer interceptor sees one call");
        }
    }

    private static TestContainer start(Map<String, String> config) {
        return TestContainer.start(config, AuditedService.class, AuditInterceptor.class, Counters.class);
    }
}
