package dev.steadfast.micrometer;

import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.UUID;

/** A Weld SE container with Steadfast's extension and exactly the given bean classes; config from system properties. */
final class Container implements AutoCloseable {

    private final WeldContainer weld;
    private final SmallRyeConfig config;

    private Container(WeldContainer weld, SmallRyeConfig config) {
        this.weld = weld;
        this.config = config;
    }

    static Container start(Class<?>... beans) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (IllegalStateException none) {
            // nothing registered yet
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources().build();
        resolver.registerConfig(config, loader);
        // With discovery disabled, Weld SE loads no extension from META-INF/services; add Steadfast's explicitly.
        // The observer itself is found through META-INF/services/dev.steadfast.spi.GuardObserver, as in production.
        Weld weld = new Weld(UUID.randomUUID().toString()).disableDiscovery().addExtension(new SteadfastExtension())
                .addBeanClasses(beans);
        try {
            return new Container(weld.initialize(), config);
        } catch (RuntimeException e) {
            resolver.releaseConfig(config);
            throw e;
        }
    }

    <T> T select(Class<T> type) {
        return weld.select(type).get();
    }

    @Override
    public void close() {
        try {
            weld.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
