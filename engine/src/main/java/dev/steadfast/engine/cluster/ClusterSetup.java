package dev.steadfast.engine.cluster;

import dev.steadfast.spi.cluster.ClusterBackendProvider;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a front end hands the engine about the fleet: the settings, how a backend reads its own config keys and finds
 * the application's beans, where backends are looked up, and (for tests) the worker and the executor that applies
 * fleet transitions. Immutable; build one with {@link #builder(ClusterSettings)}.
 */
public final class ClusterSetup {

    /** Finds an application object by type: a CDI bean, or nothing outside a container. */
    @FunctionalInterface
    public interface Beans {

        /** Nothing is found. */
        Beans NONE = new Beans() {
            @Override
            public <T> Optional<T> find(Class<T> type) {
                return Optional.empty();
            }
        };

        /** The application's one instance of {@code type}, or empty. */
        <T> Optional<T> find(Class<T> type);
    }

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final ClusterSettings settings;
    private final Function<String, Optional<String>> config;
    private final Beans beans;
    private final ClassLoader classLoader;
    private final Supplier<List<ClusterBackendProvider>> providers;
    private final Supplier<ClusterWorker> worker;
    private final Executor handOff;

    private ClusterSetup(Builder b) {
        this.settings = b.settings;
        this.config = b.config;
        this.beans = b.beans;
        this.classLoader = b.classLoader;
        this.providers = b.providers != null ? b.providers : () -> serviceLoaded(b.classLoader);
        this.worker = b.worker;
        this.handOff = b.handOff;
    }

    /** Starts a setup with {@code settings}; the rest defaults to nothing found, Steadfast's class loader. */
    public static Builder builder(ClusterSettings settings) {
        return new Builder(settings);
    }

    /**
     * The setup of an engine without a container: settings and backend keys from system properties, no beans,
     * backends found with Steadfast's class loader.
     *
     * @throws IllegalArgumentException when a {@code steadfast.cluster.*} system property is broken
     */
    public static ClusterSetup standalone() {
        Function<String, Optional<String>> props = key -> Optional.ofNullable(System.getProperty(key))
                .filter(v -> !v.isEmpty());
        return builder(ClusterSettings.from(props)).config(props).build();
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** A raw config value ({@code steadfast.redis.uri}), empty when unset. */
    Optional<String> config(String key) {
        return config.apply(key);
    }

    Beans beans() {
        return beans;
    }

    ClassLoader classLoader() {
        return classLoader;
    }

    /** The backends available, in the order found. */
    List<ClusterBackendProvider> providers() {
        return providers.get();
    }

    /** The worker, or {@code null} for the default thread. */
    Supplier<ClusterWorker> worker() {
        return worker;
    }

    /** The executor that applies fleet transitions, or {@code null} for the engine's asynchronous executor. */
    Executor handOff() {
        return handOff;
    }

    /** The providers listed in {@code META-INF/services} for {@code loader}; broken entries are logged and skipped. */
    static List<ClusterBackendProvider> serviceLoaded(ClassLoader loader) {
        List<ClusterBackendProvider> found = new ArrayList<>();
        Iterator<ClusterBackendProvider> it = ServiceLoader.load(ClusterBackendProvider.class, loader).iterator();
        for (int errors = 0; errors < 16; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                errors++;
                LOG.log(Level.WARNING, () -> "Steadfast could not load a cluster backend listed in META-INF/services;"
                        + " it is left out: " + e, e);
            }
        }
        return found;
    }

    /** Collects a setup. Not thread-safe. */
    public static final class Builder {

        private final ClusterSettings settings;
        private Function<String, Optional<String>> config = key -> Optional.empty();
        private Beans beans = Beans.NONE;
        private ClassLoader classLoader = ClusterSetup.class.getClassLoader();
        private Supplier<List<ClusterBackendProvider>> providers;
        private Supplier<ClusterWorker> worker;
        private Executor handOff;

        private Builder(ClusterSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** Where backends read their {@code steadfast.<backend>.*} keys. */
        public Builder config(Function<String, Optional<String>> value) {
            this.config = Objects.requireNonNull(value, "config");
            return this;
        }

        /** Where backends find the application's objects. */
        public Builder beans(Beans value) {
            this.beans = Objects.requireNonNull(value, "beans");
            return this;
        }

        /** The application's class loader: where backends are looked up, and what backends are given. */
        public Builder classLoader(ClassLoader value) {
            this.classLoader = Objects.requireNonNull(value, "classLoader");
            return this;
        }

        /** The backends, instead of those {@code META-INF/services} lists: for tests. */
        public Builder providers(List<ClusterBackendProvider> value) {
            List<ClusterBackendProvider> copy = List.copyOf(value);
            this.providers = () -> copy;
            return this;
        }

        /** The worker, instead of the {@code steadfast-cluster} thread: for tests. */
        public Builder worker(Supplier<ClusterWorker> value) {
            this.worker = Objects.requireNonNull(value, "worker");
            return this;
        }

        /** What applies fleet transitions, instead of the engine's asynchronous executor: for tests. */
        public Builder handOff(Executor value) {
            this.handOff = Objects.requireNonNull(value, "handOff");
            return this;
        }

        public ClusterSetup build() {
            return new ClusterSetup(this);
        }
    }
}
