package dev.steadfast.spi.cluster;

/**
 * A cluster backend module's entry point, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.steadfast.spi.cluster.ClusterBackendProvider} (public no-argument constructor). Putting
 * the module on the application's classpath is all a user does; when several are present,
 * {@code steadfast.cluster.backend=<name>} picks one.
 *
 * <p>Steadfast calls {@link #open} once per application, on its own cluster thread, when the first
 * {@link dev.steadfast.Scope#CLUSTER CLUSTER} policy is built; never on a caller's thread. It calls nothing else.
 */
public interface ClusterBackendProvider {

    /**
     * The backend's name, lower case ({@code hazelcast}, {@code redis}): its config keys are
     * {@code steadfast.<name>.*} and logs and health show it. The module declares that prefix to strict config with a
     * {@link dev.steadfast.spi.ConfigKeys}.
     */
    String name();

    /**
     * Connects to the backend and subscribes to the application's messages, delivering them to
     * {@link ClusterContext#listener()} from then on. How the connection is obtained (an application's CDI bean
     * through {@link ClusterContext#bean}, the server's own instance, or one the backend creates from its
     * {@linkplain ClusterContext#config config keys}) is the backend's business; document the order in the module.
     *
     * <p>May block while it connects: it runs on Steadfast's cluster thread, and the application waits for it at most
     * {@code steadfast.cluster.join-timeout} (10 s by default) before its fleet-wide policies start deciding locally.
     * If it throws, Steadfast logs the failure once, decides locally, and calls {@code open} again after
     * {@code steadfast.cluster.probe-interval} (1 s by default) until it succeeds or the application stops.
     *
     * @return the open backend; Steadfast {@linkplain ClusterBackend#close() closes} it when the application stops
     * @throws Exception when the backend cannot be reached or configured; the message should say which and how to fix
     *                   it (a missing {@code steadfast.redis.uri}, a refused connection)
     */
    ClusterBackend open(ClusterContext context) throws Exception;
}
