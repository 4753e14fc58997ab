package dev.steadfast.spi;

import java.util.Optional;

/**
 * What the integration that loaded a {@link GuardObserver} offers it, so an observer can use the application's own
 * objects (a {@code MeterRegistry}, an {@code OpenTelemetry} instance) instead of a global one.
 */
@FunctionalInterface
public interface ObserverContext {

    /** A context that finds nothing: for observers used without a container. */
    ObserverContext NONE = new ObserverContext() {
        @Override
        public <T> Optional<T> find(Class<T> type) {
            return Optional.empty();
        }
    };

    /**
     * The application's instance of {@code type}, when it provides exactly one. In a CDI container: the bean of that
     * type (with the {@code @Default} qualifier), when it resolves unambiguously, obtained in this call (a client proxy
     * for a normal-scoped bean). Empty when there is none, when it is ambiguous, or when obtaining it failed (which is
     * logged).
     */
    <T> Optional<T> find(Class<T> type);
}
