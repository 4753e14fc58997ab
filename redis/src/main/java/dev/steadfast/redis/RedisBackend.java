package dev.steadfast.redis;

import dev.steadfast.spi.cluster.BreakerExchange;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterContext;
import dev.steadfast.spi.cluster.ClusterListener;
import dev.steadfast.spi.cluster.Membership;
import dev.steadfast.spi.cluster.QuotaStore;
import dev.steadfast.spi.cluster.Wire;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;

import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One application's connection to Redis: a command connection (every operation is a non-blocking command or Lua
 * script on Lettuce's asynchronous API, completed on Lettuce's I/O threads) and a pub/sub connection subscribed to the
 * application's channel, whose messages go to Steadfast's listener. Lettuce reconnects both by itself (and subscribes
 * again); this class tells Steadfast when either connection drops or comes back.
 *
 * <h2>Where the client comes from</h2>
 * The application's {@code RedisClient} when it has one as a CDI bean (connected to {@code steadfast.redis.uri} if
 * that is set, else to the client's own URI; its options are the application's, and it is never shut down here), else
 * a client of the backend's own to {@code steadfast.redis.uri}, which rejects commands while disconnected (so nothing
 * queues up during an outage), times commands out, reconnects within half a second of Redis coming back, and is shut
 * down by {@link #close()}.
 */
final class RedisBackend implements ClusterBackend {

    private static final System.Logger LOG = System.getLogger("dev.steadfast");

    private final RedisClient client;
    private final ClientResources ownResources;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final RedisQuotaStore quotas;
    private final RedisBreakerExchange breakers;
    private final RedisMembership membership;
    private final ConnectionWatch watch;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisBackend(RedisClient client, ClientResources ownResources,
            StatefulRedisConnection<String, String> connection, StatefulRedisPubSubConnection<String, String> pubSub,
            Keys keys, String member, ConnectionWatch watch) {
        this.client = client;
        this.ownResources = ownResources;
        this.connection = connection;
        this.pubSub = pubSub;
        this.redis = connection.async();
        this.keys = keys;
        this.quotas = new RedisQuotaStore(redis, keys);
        this.breakers = new RedisBreakerExchange(redis, keys);
        this.membership = new RedisMembership(redis, keys, member);
        this.watch = watch;
    }

    /**
     * Connects both connections and subscribes, blocking at most a few seconds (it runs on Steadfast's cluster
     * thread, never a caller's).
     *
     * @throws IllegalStateException when there is neither a {@code RedisClient} bean nor {@code steadfast.redis.uri}
     * @throws Exception             when Redis cannot be reached
     */
    static RedisBackend open(ClusterContext context) throws Exception {
        RedisSettings settings = RedisSettings.from(context);
        Duration connectTimeout = RedisSettings.connectTimeout(context);
        Optional<RedisClient> bean = context.bean(RedisClient.class);
        RedisClient client;
        ClientResources resources = null;
        if (bean.isPresent()) {
            client = bean.get();
        } else {
            if (settings.uri().isEmpty()) {
                throw new IllegalStateException("Config key " + RedisSettings.URI + " is not set and the application"
                        + " has no RedisClient bean: set it to Redis' address (redis://host:6379, rediss://...,"
                        + " redis-sentinel://host:26379#master) or produce a RedisClient");
            }
            resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                    .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2,
                            TimeUnit.MILLISECONDS))
                    .build();
            client = RedisClient.create(resources);
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                    .timeoutOptions(TimeoutOptions.enabled(connectTimeout))
                    .build());
        }
        ConnectionWatch watch = new ConnectionWatch(context.listener());
        client.addListener(watch);
        StatefulRedisConnection<String, String> connection = null;
        StatefulRedisPubSubConnection<String, String> pubSub = null;
        try {
            Optional<RedisURI> uri = settings.uri();
            connection = uri.isPresent() ? client.connect(StringCodec.UTF8, uri.get()) : client.connect();
            pubSub = uri.isPresent() ? client.connectPubSub(StringCodec.UTF8, uri.get()) : client.connectPubSub();
            Keys keys = new Keys(settings.keyPrefix(), context.memberId());
            pubSub.addListener(new Inbox(keys.channel(), context.listener()));
            pubSub.async().subscribe(keys.channel()).toCompletableFuture()
                    .get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            watch.watch(connection, pubSub);
            return new RedisBackend(client, resources, connection, pubSub, keys, context.memberId(), watch);
        } catch (Exception | LinkageError e) {
            client.removeListener(watch);
            closeQuietly(connection, pubSub);
            if (resources != null) {
                shutDown(client, resources);
            }
            throw e;
        }
    }

    Keys keys() {
        return keys;
    }

    @Override
    public QuotaStore quotas() {
        return quotas;
    }

    @Override
    public BreakerExchange breakers() {
        return breakers;
    }

    @Override
    public Membership membership() {
        return membership;
    }

    @Override
    public CompletableFuture<Void> ping() {
        return redis.ping().toCompletableFuture().thenApply(pong -> null);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watch.stop();
        client.removeListener(watch);
        closeQuietly(connection, pubSub);
        if (ownResources != null) {
            shutDown(client, ownResources);
        }
    }

    private static void closeQuietly(StatefulRedisConnection<String, String> connection,
            StatefulRedisPubSubConnection<String, String> pubSub) {
        CompletableFuture<?> a = connection == null ? CompletableFuture.completedFuture(null) : connection.closeAsync();
        CompletableFuture<?> b = pubSub == null ? CompletableFuture.completedFuture(null) : pubSub.closeAsync();
        try {
            CompletableFuture.allOf(a, b).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Closing Steadfast's Redis connections did not finish within 1 s", e);
        }
    }

    private static void shutDown(RedisClient client, ClientResources resources) {
        try {
            client.shutdownAsync(0, 1, TimeUnit.SECONDS).get(2, TimeUnit.SECONDS);
            resources.shutdown(0, 1, TimeUnit.SECONDS).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "Shutting down Steadfast's Redis client did not finish within 2 s", e);
        }
    }

    /** Turns Lettuce's connection events for this backend's two connections into Steadfast's. */
    private static final class ConnectionWatch implements RedisConnectionStateListener {

        private final ClusterListener listener;
        private volatile RedisChannelHandler<?, ?> commands;
        private volatile RedisChannelHandler<?, ?> subscriber;
        private volatile boolean stopped;

        ConnectionWatch(ClusterListener listener) {
            this.listener = listener;
        }

        void watch(StatefulRedisConnection<String, String> connection,
                StatefulRedisPubSubConnection<String, String> pubSub) {
            this.commands = (RedisChannelHandler<?, ?>) connection;
            this.subscriber = (RedisChannelHandler<?, ?>) pubSub;
        }

        void stop() {
            stopped = true;
        }

        private boolean ours(RedisChannelHandler<?, ?> handler) {
            return !stopped && (handler == commands || handler == subscriber);
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
            if (ours(handler)) {
                listener.connectionLost(new ConnectException("the connection to Redis was lost"));
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
            if (ours(handler) && commands.isOpen() && subscriber.isOpen()) {
                listener.connectionRestored();
            }
        }
    }

    /** Decodes what the channel carries and hands it to Steadfast; a line it cannot read is logged once, dropped. */
    private static final class Inbox extends RedisPubSubAdapter<String, String> {

        private final String channel;
        private final ClusterListener listener;
        private final AtomicBoolean complained = new AtomicBoolean();

        Inbox(String channel, ClusterListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        @Override
        public void message(String from, String message) {
            if (!channel.equals(from)) {
                return;
            }
            try {
                listener.deliver(Wire.decode(message));
            } catch (IllegalArgumentException e) {
                if (complained.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, () -> "Steadfast dropped a message on Redis channel " + channel
                            + " that is not a Steadfast cluster message (another version, or another program"
                            + " publishing there); further ones are dropped silently: " + e.getMessage());
                }
            }
        }
    }
}
