package dev.steadfast.testsupport;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Weld SE container for tests: discovery off, exactly the given bean classes and the one portable extension under
 * test, and a MicroProfile Config made of the given properties on top of system properties and environment.
 *
 * <p>With discovery disabled Weld SE reads no {@code beans.xml} and loads no extension from
 * {@code META-INF/services}, so a test sees only what it names. The config is registered for the thread's context
 * class loader before the container starts (replacing any config registered there) and released when the container
 * closes or fails to start, so a test that sets a property per test does not leak it into the next. One container per
 * thread's class loader at a time: tests that use this class run one after another.
 *
 * <p>Front ends bind it to their extension: {@code TestContainer} in {@code tck-tests} (Steadfast's annotations),
 * {@code MpContainer} in {@code mp} (MicroProfile Fault Tolerance's), {@code HealthContainer} in {@code health}.
 */
public class WeldTestContainer implements AutoCloseable {

    /** Ordinal of the test's properties: above system properties (400) and environment (300). */
    private static final int TEST_PROPERTIES_ORDINAL = 500;

    private final WeldContainer container;
    private final SmallRyeConfig config;

    /**
     * Registers the config and starts the container; releases the config again if the container fails to start.
     *
     * @param extension  the portable extension under test, the only one the container runs
     * @param properties MicroProfile Config properties for this container, over system properties and environment
     * @param beans      the bean classes of the deployment
     * @throws RuntimeException what Weld throws when the deployment fails (see {@link #deploymentErrors})
     */
    protected WeldTestContainer(Extension extension, Map<String, String> properties, Class<?>... beans) {
        this(List.of(extension), properties, beans);
    }

    /**
     * Like {@link #WeldTestContainer(Extension, Map, Class[])}, with more portable extensions beside the one under test
     * (a rest client implementation's, say).
     *
     * @param extensions the portable extensions the container runs, the one under test first
     * @param properties MicroProfile Config properties for this container, over system properties and environment
     * @param beans      the bean classes of the deployment
     */
    protected WeldTestContainer(List<? extends Extension> extensions, Map<String, String> properties,
            Class<?>... beans) {
        SmallRyeConfig installed = install(properties);
        try {
            this.container = weld(extensions, beans).initialize();
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(installed);
            throw e;
        }
        this.config = installed;
    }

    /**
     * Starts a container; close it (try-with-resources) to shut it down and release its config.
     *
     * @param extension  the portable extension under test
     * @param properties MicroProfile Config properties for this container
     * @param beans      the bean classes of the deployment
     * @return the running container
     */
    public static WeldTestContainer start(Extension extension, Map<String, String> properties, Class<?>... beans) {
        return new WeldTestContainer(extension, properties, beans);
    }

    /**
     * Starts a container configured by system properties and environment alone.
     *
     * @param extension the portable extension under test
     * @param beans     the bean classes of the deployment
     * @return the running container
     */
    public static WeldTestContainer start(Extension extension, Class<?>... beans) {
        return start(extension, Map.of(), beans);
    }

    /**
     * The contextual instance (for a normal-scoped bean, its client proxy) of the one bean of this type.
     *
     * @param type the bean type
     * @param <T>  the bean type
     * @return the instance
     */
    public <T> T select(Class<T> type) {
        return container.select(type).get();
    }

    /**
     * The contextual instance of the one bean of this type with these qualifiers.
     *
     * @param type       the bean type
     * @param qualifiers its qualifiers
     * @param <T>        the bean type
     * @return the instance
     */
    public <T> T select(Class<T> type, Annotation... qualifiers) {
        return container.select(type, qualifiers).get();
    }

    /** Shuts the container down and releases its config. */
    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /**
     * Starts a container that must fail to deploy and returns the messages of the exceptions of {@code errorType}
     * found in the failure (its causes and suppressed exceptions, each exception once), in the order found. Throws
     * {@link AssertionError} when the container starts, or fails without an exception of that type.
     *
     * @param extension  the portable extension under test
     * @param errorType  the type of the extension's definition errors
     * @param properties MicroProfile Config properties for this deployment
     * @param beans      the bean classes of the deployment
     * @return the messages, at least one
     */
    public static List<String> deploymentErrors(Extension extension, Class<? extends Throwable> errorType,
            Map<String, String> properties, Class<?>... beans) {
        return deploymentErrors(List.of(extension), errorType, properties, beans);
    }

    /**
     * {@link #deploymentErrors(Extension, Class, Map, Class[])} with more portable extensions beside the one under test.
     *
     * @param extensions the portable extensions the container runs, the one under test first
     * @param errorType  the type of the extension's definition errors
     * @param properties MicroProfile Config properties for this deployment
     * @param beans      the bean classes of the deployment
     * @return the messages, at least one
     */
    public static List<String> deploymentErrors(List<? extends Extension> extensions,
            Class<? extends Throwable> errorType, Map<String, String> properties, Class<?>... beans) {
        SmallRyeConfig config = install(properties);
        try {
            weld(extensions, beans).initialize().shutdown();
            throw new AssertionError("The deployment was expected to fail, but it started");
        } catch (RuntimeException e) {
            List<String> messages = new ArrayList<>();
            collect(e, errorType, messages, new ArrayList<>());
            if (messages.isEmpty()) {
                throw new AssertionError("The deployment failed without a " + errorType.getSimpleName(), e);
            }
            return messages;
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    private static void collect(Throwable t, Class<? extends Throwable> errorType, List<String> into,
            List<Throwable> seen) {
        // Weld may reach one exception both as a cause and as a suppressed one: report it once.
        if (t == null || seen.contains(t)) {
            return;
        }
        seen.add(t);
        if (errorType.isInstance(t)) {
            into.add(t.getMessage());
        }
        collect(t.getCause(), errorType, into, seen);
        for (Throwable s : t.getSuppressed()) {
            collect(s, errorType, into, seen);
        }
    }

    private static Weld weld(List<? extends Extension> extensions, Class<?>... beans) {
        Weld weld = new Weld(UUID.randomUUID().toString()).disableDiscovery().addBeanClasses(beans);
        extensions.forEach(weld::addExtension);
        return weld;
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
                .withSources(new PropertiesConfigSource(properties, "test-properties", TEST_PROPERTIES_ORDINAL))
                .build();
        resolver.registerConfig(config, loader);
        return config;
    }
}
