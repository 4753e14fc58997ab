package dev.steadfast.mp.support;

import dev.steadfast.mp.MpFaultToleranceExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Weld SE container with exactly the given bean classes, steadfast-mp's extension and the given MicroProfile
 * Config properties, for tests that set config per test or expect the deployment to fail.
 */
public final class MpContainer implements AutoCloseable {

    private final WeldContainer container;
    private final SmallRyeConfig config;

    private MpContainer(WeldContainer container, SmallRyeConfig config) {
        this.container = container;
        this.config = config;
    }

    public static MpContainer start(Map<String, String> properties, Class<?>... beans) {
        SmallRyeConfig config = install(properties);
        try {
            return new MpContainer(weld(beans).initialize(), config);
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    public <T> T select(Class<T> type) {
        return container.select(type).get();
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
     * Starts a container that must fail to deploy and returns the messages of the
     * {@link FaultToleranceDefinitionException}s in the failure. Fails when it starts or fails for another reason.
     */
    public static List<String> deploymentErrors(Map<String, String> properties, Class<?>... beans) {
        SmallRyeConfig config = install(properties);
        try {
            WeldContainer c = weld(beans).initialize();
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

    private static void collect(Throwable t, List<String> into, List<Throwable> seen) {
        if (t == null || seen.contains(t)) {
            return;
        }
        seen.add(t);
        if (t instanceof FaultToleranceDefinitionException && !into.contains(t.getMessage())) {
            into.add(t.getMessage());
        }
        collect(t.getCause(), into, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, into, seen);
        }
    }

    private static Weld weld(Class<?>... beans) {
        // With discovery disabled, Weld SE loads no extension from META-INF/services: add ours explicitly.
        return new Weld(UUID.randomUUID().toString()).disableDiscovery()
                .addExtension(new MpFaultToleranceExtension()).addBeanClasses(beans);
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
