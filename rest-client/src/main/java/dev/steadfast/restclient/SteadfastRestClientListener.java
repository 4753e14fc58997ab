package dev.steadfast.restclient;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

import java.time.Clock;
import java.util.Optional;

/**
 * Registers {@link RequestFacts} and {@link HttpFailureMapper} on every rest client as it is built, injected with
 * {@code @RestClient} or built with {@code RestClientBuilder} alike. Found by the rest client implementation through
 * {@code META-INF/services/org.eclipse.microprofile.rest.client.spi.RestClientListener}: having the jar on the class
 * path is all it takes. {@code steadfast.rest-client.enabled=false} switches it off.
 */
public final class SteadfastRestClientListener implements RestClientListener {

    /** MicroProfile Rest Client's switch for its default mapper, as a builder property or a config key. */
    static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        RestClientSettings settings = RestClientSettings.current();
        if (!settings.enabled()) {
            return;
        }
        builder.register(new RequestFacts(settings));
        builder.register(new HttpFailureMapper(settings, Clock.systemUTC(), defaultMapperDisabled(builder)));
    }

    private static boolean defaultMapperDisabled(RestClientBuilder builder) {
        Object property = builder.getConfiguration().getProperty(DISABLE_DEFAULT_MAPPER);
        if (property != null) {
            return Boolean.parseBoolean(property.toString());
        }
        try {
            Optional<Boolean> configured = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue(DISABLE_DEFAULT_MAPPER, Boolean.class);
            return configured.orElse(false);
        } catch (LinkageError | IllegalStateException noConfig) {
            return Boolean.getBoolean(DISABLE_DEFAULT_MAPPER);
        }
    }
}
