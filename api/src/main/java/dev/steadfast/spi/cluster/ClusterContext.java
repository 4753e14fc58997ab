package dev.steadfast.spi.cluster;

import java.time.Duration;
import java.util.Optional;

/**
 * What Steadfast gives a backend when it {@linkplain ClusterBackendProvider#open opens} it. No CDI or MicroProfile
 * type appears here: in a container the config lookup reads MicroProfile Config (or system properties) and
 * {@link #bean} asks the container; without one, config comes from system properties and no bean is found.
 * Thread-safe.
 */
public interface ClusterContext {

    /**
     * The application's name in the fleet ({@code steadfast.cluster.application}): every instance of one application
     * uses the same one, and a backend prefixes every key, map and channel with it so that several applications can
     * share one backend (Redis: {@code steadfast:{<application>}:...}).
     */
    String application();

    /**
     * This instance's member id ({@code steadfast.cluster.member-id}, by default host name, process id and a random
     * suffix): unique in the fleet for the life of the instance; the origin that events and metrics show.
     */
    String memberId();

    /**
     * The backend's own config value {@code steadfast.<backend name>.<key>}: {@code config("uri")} reads
     * {@code steadfast.redis.uri} for the backend named {@code redis}. Empty when unset or empty.
     */
    Optional<String> config(String key);

    /**
     * The application's instance of {@code type} (a {@code HazelcastInstance}, a Lettuce {@code RedisClient}) when it
     * provides exactly one as a CDI bean with the default qualifier; empty outside a container, when there is none,
     * when it is ambiguous or when obtaining it failed (logged).
     */
    <T> Optional<T> bean(Class<T> type);

    /** Where the backend delivers what it hears: other members' summaries and fleet transitions, connection changes. */
    ClusterListener listener();

    /** The application's class loader, for a backend that loads configuration files or classes by name. */
    ClassLoader classLoader();

    /**
     * How long Steadfast waits for any one operation before it takes the backend for lost
     * ({@code steadfast.cluster.request-timeout}, 500 ms by default); a backend may set its client's command timeout
     * from it. An operation may still complete later: Steadfast then ignores it.
     */
    Duration requestTimeout();

    /**
     * How often Steadfast publishes window summaries and refreshes its membership
     * ({@code steadfast.cluster.interval}, 250 ms by default).
     */
    Duration interval();
}
