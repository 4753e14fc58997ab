package dev.steadfast.tck.support;

import dev.steadfast.FaultToleranceDefinitionException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.PropertiesConfigSource;
import jakarta.enterprise.inject.spi.Extension;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Weld SE container with exactly the given bean classes and the given MicroProfile Config properties (on top of
 * system properties and environment), for tests that set config per test or expect the deployment to fail.
 */
public final class TestContainer implements AutoCloseable {

    private final WeldContainer container;
    private final SmallRyeConfig config;

    private TestContainer(WeldContainer container, SmallRyeConfig config) {
        this.container = container;
        this.config = config;
    }

    public static TestContainer start(Map<String, String> properties, Class<?>... beans) {
        SmallRyeConfig config = install(properties);
        try {
            return new TestContainer(weld(beans).initialize(), config);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    public static TestContainer start(Class<?>... beans) {
        return start(Map.of(), beans);
    }

    /** With more portable extensions than Steadfast's, such as a rest client implementation's. */
    public static TestContainer start(Map<String, String> properties, List<Extension> extensions, Class<?>... beans) {
        SmallRyeConfig config = install(properties);
        try {
            Weld weld = weld(beans);
            extensions.forEach(weld::addExtension);
            return new TestContainer(weld.initialize(), config);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    public <T> T select(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /**
     * Starts a container that must fail to deploy and returns the Steadfast definition errors found in the failure,
     * their messages in order. Fails the test when the container starts or fails for another reason.
     */
    public static List<String> deploymentErrors(Map<String, String> properties, Class<?>... beans) {
        return deploymentErrors(properties, List.of(), beans);
    }

    /** {@link #deploymentErrors(Map, Class[])} with more portable extensions than Steadfast's. */
    public static List<String> deploymentErrors(Map<String, String> properties, List<Extension> extensions,
            Class<?>... beans) {
        SmallRyeConfig config = install(properties);
        try {
            Weld weld = weld(beans);
            extensions.forEach(weld::addExtension);
            WeldContainer c = weld.initialize();
            c.shutdown();
            throw new AssertionError("The deployment was expected to fail, but it started");
        } catch (RuntimeException e) {
            List<String> messages = new ArrayList<>();
            collect(e, messages, new ArrayList<>());
            if (messages.isEmpty()) {
                throw new AssertionError("The deployment failed without a FaultToleranceDefinitionException", e);
            }
            return messages;
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    public static List<String> deploymentErrors(Class<?>... beans) {
        return deploymentErrors(Map.of(), beans);
    }

    private static void collect(Throwable t, List<String> into, List<Throwable> seen) {
        if (t == null || seen.contains(t)) {
            return;
        }
        seen.add(t);
        if (t instanceof FaultToleranceDefinitionException) {
            into.add(t.getMessage());
        }
        collect(t.getCause(), into, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, into, seen);
        }
    }

    private static Weld weld(Class<?>... beans) {
        // With discovery disabled, Weld SE loads no extension from META-INF/services; add Steadfast's explicitly.
        return new Weld(UUID.randomUUID().toString()).disableDiscovery().addExtension(new SteadfastExtension())
                .addBeanClasses(beans);
    }

    private static SmallRyeConfig install(Map<String, String> properties) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (IllegalStateException none) {
            // nothing registered yet
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, "test-properties", 500))
                .build();
        resolver.registerConfig(config, loader);
        return config;
    }
}
