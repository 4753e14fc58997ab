package dev.steadfast.testsupport;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.List;

/**
 * Reports the definition errors that config asks for: one {@link Problem} per comma-separated message in
 * {@code test.problems}, one {@link IllegalStateException} for {@code test.foreign}.
 */
public class ProblemExtension implements Extension {

    /** The definition error type of this extension. */
    public static class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }

    void afterBeanDiscovery(@Observes AfterBeanDiscovery event) {
        var config = ConfigProvider.getConfig();
        config.getOptionalValues("test.problems", String.class).orElse(List.of())
                .forEach(message -> event.addDefinitionError(new Problem(message)));
        config.getOptionalValue("test.foreign", String.class)
                .ifPresent(message -> event.addDefinitionError(new IllegalStateException(message)));
    }
}
