package dev.steadfast.mp.tck;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * What a MicroProfile Telemetry runtime gives a deployment, for the TCK's telemetryMetrics tests on Weld: an
 * {@link OpenTelemetry} bean, the SDK configured from the deployment's MicroProfile Config ({@code otel.*}) and its
 * service loader (the TCK plugs its in-memory reader in that way), disabled unless {@code otel.sdk.disabled=false}.
 */
public class TelemetryBeanExtension implements Extension {

    private OpenTelemetrySdk sdk;
    private OpenTelemetry openTelemetry;

    void addBean(@Observes AfterBeanDiscovery event) {
        event.addBean().types(OpenTelemetry.class, Object.class).scope(Singleton.class)
                .createWith(c -> get());
    }

    /** The runtime starts the SDK with the application, whether or not anything records metrics. */
    void start(@Observes AfterDeploymentValidation event) {
        get();
    }

    private synchronized OpenTelemetry get() {
        if (openTelemetry == null) {
            openTelemetry = create();
        }
        return openTelemetry;
    }

    private OpenTelemetry create() {
        Config config = ConfigProvider.getConfig();
        if (config.getOptionalValue("otel.sdk.disabled", Boolean.class).orElse(true)) {
            return OpenTelemetry.noop();
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.traces.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("otel.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> properties.put(name, v));
            }
        }
        sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .setServiceClassLoader(Thread.currentThread().getContextClassLoader())
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return sdk;
    }

    synchronized void shutdown(@Observes BeforeShutdown event) {
        if (sdk != null) {
            sdk.shutdown();
            sdk = null;
        }
        openTelemetry = null;
    }
}
