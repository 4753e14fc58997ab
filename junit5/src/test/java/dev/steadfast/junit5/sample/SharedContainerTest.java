package dev.steadfast.junit5.sample;

import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.junit5.WithFaultTolerance;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;

/**
 * One container for the whole class (weld-junit5 with {@code PER_CLASS}), and still every test starts with every
 * breaker, rate limit and bulkhead fresh: {@link TrippingScenario}'s second test passes after its first.
 * {@code ResetProofTest} runs the same scenario without the extension and sees the second test fail.
 */
@WithFaultTolerance
@EnableWeld
class SharedContainerTest extends TrippingScenario {

    @WeldSetup
    public WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
            .addExtension(new SteadfastExtension())
            .addBeanClasses(PaymentsClient.class, PaymentGateway.class))
            .build();
}
