package dev.steadfast.restclient;

import dev.steadfast.FaultToleranceDefinitionException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Reads the module's settings once while the container starts, so that a bad value
 * ({@code steadfast.rest-client.max-retry-after=soon}) fails the deployment naming the key, the value and the rule,
 * instead of the first rest client built. Registered through {@code META-INF/services}.
 */
public class RestClientConfigCheck implements Extension {

    void check(@Observes AfterDeploymentValidation event) {
        try {
            RestClientSettings.current();
        } catch (IllegalArgumentException e) {
            event.addDeploymentProblem(new FaultToleranceDefinitionException(e.getMessage()));
        }
    }
}
