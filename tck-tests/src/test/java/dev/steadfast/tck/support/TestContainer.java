package dev.steadfast.tck.support;

import dev.steadfast.FaultToleranceDefinitionException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import jakarta.enterprise.inject.spi.Extension;

import java.util.ArrayList;

import java.util.List;
import java.util.Map;

/**
 * A Weld SE container with Steadfast's extension, exactly the given bean classes and the given MicroProfile Config
 * properties (on top of system properties and environment), for tests that set config per test or expect the
 * deployment to fail. The mechanics are {@link WeldTestContainer}'s.
 */
public final class TestContainer extends WeldTestContainer {

    private TestContainer(Map<String, String> properties, List<Extension> more, Class<?>... beans) {
        super(withSteadfast(more), properties, beans);
    }

    public static TestContainer start(Map<String, String> properties, Class<?>... beans) {
        return new TestContainer(properties, List.of(), beans);
    }

    /** With more portable extensions than Steadfast's, such as a rest client implementation's. */
    public static TestContainer start(Map<String, String> properties, List<Extension> extensions, Class<?>... beans) {
        return new TestContainer(properties, extensions, beans);
    }

    public static TestContainer start(Class<?>... beans) {
        return start(Map.of(), beans);
    }

    /**
     * Starts a container that must fail to deploy and returns the messages of the Steadfast definition errors found
     * in the failure, in order. Fails the test when the container starts or fails for another reason.
     */
    public static List<String> deploymentErrors(Map<String, String> properties, Class<?>... beans) {
        return deploymentErrors(properties, List.of(), beans);
    }

    /** {@link #deploymentErrors(Map, Class[])} with more portable extensions than Steadfast's. */
    public static List<String> deploymentErrors(Map<String, String> properties, List<Extension> extensions,
            Class<?>... beans) {
        return deploymentErrors(withSteadfast(extensions), FaultToleranceDefinitionException.class, properties, beans);
    }

    private static List<Extension> withSteadfast(List<Extension> more) {
        List<Extension> all = new ArrayList<>();
        all.add(new SteadfastExtension());
        all.addAll(more);
        return all;
    }

    public static List<String> deploymentErrors(Class<?>... beans) {
        return deploymentErrors(Map.of(), beans);
    }
}
