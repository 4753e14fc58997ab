package dev.steadfast.impl.cdi;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConfigLookup} that remembers, while the application deploys, the values of the keys that many guarded
 * methods ask for: those of the global level ({@code steadfast.global.retry.max-retries}) and of a class
 * ({@code steadfast."com.acme.Quotes".retry.max-retries}), which every method of the application, or of the class,
 * reads again. A method's own keys ({@code steadfast."com.acme.Quotes/fetch".…}) are read once each and not kept.
 * With 1,000 guarded methods this spares most of the deployment's config lookups, each of which costs a walk of every
 * config source. After deployment ({@link #forget()}) it keeps nothing and reads through.
 *
 * <p>Thread-safe: a container may process beans on several threads.
 */
final class SharedKeyMemo implements ConfigLookup {

    private final ConfigLookup config;
    private volatile Map<String, Optional<String>> memo = new ConcurrentHashMap<>();

    SharedKeyMemo(ConfigLookup config) {
        this.config = config;
    }

    @Override
    public Optional<String> get(String key) {
        Map<String, Optional<String>> m = memo;
        if (m == null || key.indexOf('/') >= 0) {
            return config.get(key); // after deployment, or a method's own key
        }
        return m.computeIfAbsent(key, config::get);
    }

    @Override
    public Map<String, String> names() {
        return config.names();
    }

    /** Deployment is over: drop what was kept, read through from now on. */
    void forget() {
        memo = null;
    }
}
