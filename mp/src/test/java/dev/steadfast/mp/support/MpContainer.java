package dev.steadfast.mp.support;

import dev.steadfast.mp.MpFaultToleranceExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

import java.util.List;
import java.util.Map;

/**
 * A Weld SE container with exactly the given bean classes, steadfast-mp's extension and the given MicroProfile
 * Config properties, for tests that set config per test or expect the deployment to fail. The mechanics are
 * {@link WeldTestContainer}'s.
 */
public final class MpContainer extends WeldTestContainer {

    private MpContainer(Map<String, String> properties, Class<?>... beans) {
        super(new MpFaultToleranceExtension(), properties, beans);
    }

    public static MpContainer start(Map<String, String> properties, Class<?>... beans) {
        return new MpContainer(properties, beans);
    }

    /**
     * Starts a container that must fail to deploy and returns the messages of the
     * {@link FaultToleranceDefinitionException}s in the failure, in order. Fails when it starts or fails for another
     * reason.
     */
    public static List<String> deploymentErrors(Map<String, String> properties, Class<?>... beans) {
        return deploymentErrors(new MpFaultToleranceExtension(), FaultToleranceDefinitionException.class, properties,
                beans);
    }
}
