package dev.steadfast.health;

import dev.steadfast.impl.cdi.SteadfastExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A Weld SE application with Steadfast, SmallRye Health, the readiness check and the test beans, configured with the
 * given MicroProfile Config properties: the set-up of a real server, minus HTTP.
 */
final class HealthContainer implements AutoCloseable {

    private final WeldContainer container;
    private final SmallRyeConfig config;

    private HealthContainer(WeldContainer container, SmallRyeConfig config) {
        this.container = container;
        this.config = config;
    }

    static HealthContainer start(Map<String, String> properties) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (IllegalStateException none) {
            // nothing registered yet
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().forClassLoader(loader).addDefaultSources()
                .withSources(new PropertiesConfigSource(properties, "test-properties", 500)).build();
        resolver.registerConfig(config, loader);
        try {
            // With discovery disabled, Weld SE loads no extension from META-INF/services and reads no beans.xml.
            WeldContainer c = new Weld(UUID.randomUUID().toString()).disableDiscovery()
                    .addExtension(new SteadfastExtension())
                    .addBeanClasses(SmallRyeHealthReporter.class, AsyncHealthCheckFactory.class,
                            CircuitBreakerReadinessCheck.class,
                            Payments.class, Recommendations.class)
                    .initialize();
            return new HealthContainer(c, config);
        } catch (RuntimeException e) {
            resolver.releaseConfig(config);
            throw e;
        }
    }

    <T> T select(Class<T> type) {
        return container.select(type).get();
    }

    /** What {@code GET /health/ready} answers, as SmallRye Health builds it. */
    SmallRyeHealth readiness() {
        return select(SmallRyeHealthReporter.class).getReadiness();
    }

    /** The readiness check's own entry in the report. */
    JsonObject check() {
        JsonObject payload = readiness().getPayload();
        return payload.getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals(CircuitBreakerReadinessCheck.NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + CircuitBreakerReadinessCheck.NAME + " in " + payload));
    }

    /** The report as the HTTP endpoint writes it. */
    String readinessJson() {
        SmallRyeHealthReporter reporter = select(SmallRyeHealthReporter.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reporter.reportHealth(out, reporter.getReadiness());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}
