package dev.steadfast.console.support;

import com.sun.net.httpserver.HttpServer;
import dev.steadfast.console.ConsoleExtension;
import dev.steadfast.console.ConsolePathFilter;
import dev.steadfast.console.ConsoleResource;
import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An application with the console, as a server would run it: Weld SE with Steadfast's and the console's extensions and
 * the given beans, its config from the given properties, and the console's Jakarta REST resource and filter served by
 * Jersey on the JDK's HTTP server, on 127.0.0.1 and a free port. The resource and the filter are the container's beans
 * (registered with Jersey as instances); {@link TestSecurity} plays the container's security.
 */
public final class EmbeddedConsole implements AutoCloseable {

    private final WeldContainer weld;
    private final SmallRyeConfig config;
    private final HttpServer server;
    private final ExecutorService threads;
    private final URI root;

    private EmbeddedConsole(WeldContainer weld, SmallRyeConfig config, HttpServer server, ExecutorService threads) {
        this.weld = weld;
        this.config = config;
        this.server = server;
        this.threads = threads;
        this.root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Starts the application with {@code properties} as its config and {@code beans} as its bean classes. */
    public static EmbeddedConsole start(Map<String, String> properties, Class<?>... beans) {
        SmallRyeConfig config = startConfig(properties);
        WeldContainer weld;
        try {
            weld = new Weld(UUID.randomUUID().toString()).disableDiscovery()
                    .addExtension(new SteadfastExtension())
                    .addExtension(new ConsoleExtension())
                    .addBeanClasses(beans)
                    .initialize();
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
        ResourceConfig app = new ResourceConfig()
                .register(weld.select(ConsoleResource.class).get())
                .register(weld.select(ConsolePathFilter.class).get())
                .register(new TestSecurity());
        HttpServer server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, false);
        // Each open stream holds a thread, as in a server.
        ExecutorService threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.start();
        return new EmbeddedConsole(weld, config, server, threads);
    }

    /** Starts config for one application: {@code properties} over the usual sources. */
    public static SmallRyeConfig startConfig(Map<String, String> properties) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (IllegalStateException none) {
            // nothing registered yet
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        resolver.registerConfig(config, loader);
        return config;
    }

    /** The application's root: the console is at {@code steadfast} (or its configured path) below it. */
    public URI root() {
        return root;
    }

    public <T> T select(Class<T> type) {
        return weld.select(type).get();
    }

    @Override
    public void close() {
        try {
            weld.shutdown(); // ends the open streams
            server.stop(0);
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
