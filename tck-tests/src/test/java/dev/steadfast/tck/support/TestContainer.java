package dev.steadfast.tck.support;

import dev.steadfast.FaultToleranceDefinitionException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;

import java.util.List;
import java.util.Map;

/**
 * A Weld SE container with Steadfast's extension, exactly the given bean classes and the given MicroProfile Config
 * properties (on top of system properties and environment), for tests that set config per test or expect the
 * deployment to fail. The mechanics are {@link WeldTestContainer}'s.
 */
public final class TestContainer extends WeldTestContainer {

    private TestContainer(Map<String, String> properties, Class<?>... beans) {
        super(new SteadfastExtension(), properties, beans);
    }

    public static TestContainer start(Map<String, String> properties, Class<?>... beans) {
        return new TestContainer(properties, beans);
    }

    public static TestContainer start(Class<?>... beans) {
        return start(Map.of(), beans);
    }

    /**
     * Starts a container that must fail to deploy and returns the messages of the Steadfast definition errors found
     * in the failure, in order. Fails the test when the container starts or fails for another reason.
     */
    public static List<String> deploymentErrors(Map<String, String> properties, Class<?>... beans) {
        return deploymentErrors(new SteadfastExtension(), FaultToleranceDefinitionException.class, properties, beans);
    }

    public static List<String> deploymentErrors(Class<?>... beans) {
        return deploymentErrors(Map.of(), beans);
    }
}
