package dev.steadfast.junit5.sample;

import dev.steadfast.impl.cdi.SteadfastExtension;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

/** {@link SharedContainerTest} proves something: the same scenario without the extension fails its second test. */
class ResetProofTest {

    /** {@link TrippingScenario} on one shared container, without {@code @WithFaultTolerance}. Run only from here. */
    @EnableWeld
    static class WithoutTheExtension extends TrippingScenario {

        @WeldSetup
        public WeldInitiator weld = WeldInitiator.from(WeldInitiator.createWeld()
                .addExtension(new SteadfastExtension())
                .addBeanClasses(PaymentsClient.class, PaymentGateway.class))
                .build();
    }

    @Test
    void withoutTheExtensionTheSecondTestInheritsTheTrippedState() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(WithoutTheExtension.class))
                .execute().testEvents();

        tests.assertThatEvents().haveExactly(1, event(test("leavesEverythingTripped"), finishedSuccessfully()))
                .haveExactly(1, event(test("startsFromACleanSlate"), finishedWithFailure()));
    }

    @Test
    void withTheExtensionBothPass() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SharedContainerTest.class))
                .execute().testEvents();

        tests.assertStatistics(s -> s.started(2).succeeded(2));
    }
}
