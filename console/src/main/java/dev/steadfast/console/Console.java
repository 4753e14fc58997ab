package dev.steadfast.console;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.CircuitBreakers;
import dev.steadfast.RateLimiterHandle;
import dev.steadfast.RateLimiters;
import dev.steadfast.spi.GuardObserver;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The console of one application: its observer (registered as a {@link GuardObserver} bean, so Steadfast offers it
 * every guarded method when the container starts), the sampler that builds snapshots, the operator actions' tokens,
 * and the page. Application-scoped; registered by {@link ConsoleExtension}.
 *
 * <p>It starts no thread. A snapshot is built when somebody asks for one (a request for the JSON snapshot, or a stream
 * whose next second is due, on that stream's own request thread), at most about once a second, and shared by every
 * watcher. When the application stops, open streams end.
 */
@ApplicationScoped
public class Console {

    /**
     * Streams open at once; more are answered with 503, as each holds a request thread of the server. A soft cap: two
     * requests racing for the last place may both get it.
     */
    static final int MAX_STREAMS = 16;
    private static final Map<String, String> ASSET_TYPES = Map.of("console.js", "text/javascript;charset=UTF-8",
            "console.css", "text/css;charset=UTF-8");

    private final ConsoleConfig config;
    private final ConsoleObserver observer;
    private final Sampler sampler;
    private final String page;
    private final Map<String, byte[]> assets;
    private final CsrfTokens tokens = new CsrfTokens();
    private final AtomicInteger streams = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the console stops, to end the streams' waits at once. */
    private final Condition stopping = lock.newCondition();
    private volatile boolean stopped;

    /** For the container's client proxy only. */
    protected Console() {
        this.config = null;
        this.observer = null;
        this.sampler = null;
        this.page = null;
        this.assets = null;
    }

    @Inject
    Console(ConsoleExtension extension, Instance<CircuitBreakers> registry, Instance<RateLimiters> limiters) {
        this(extension.config(), registry.isResolvable() ? () -> registry.get().all() : List::of,
                limiters.isResolvable() ? () -> limiters.get().all() : List::of, Clock.systemUTC());
    }

    /** A console over this application's breakers, with {@code clock} for the times it shows. */
    Console(ConsoleConfig config, java.util.function.Supplier<Collection<CircuitBreakerHandle>> breakers, Clock clock) {
        this(config, breakers, List::of, clock);
    }

    /**
     * A console over this application's breakers and rate limiters (whose fleet-wide ones make the snapshot's fleet
     * part), with {@code clock} for the times it shows.
     */
    Console(ConsoleConfig config, java.util.function.Supplier<Collection<CircuitBreakerHandle>> breakers,
            java.util.function.Supplier<Collection<RateLimiterHandle>> limiters, Clock clock) {
        this.config = config;
        this.observer = new ConsoleObserver(clock);
        this.sampler = new Sampler(List.of(new LocalSource(observer, breakers)), new FleetSection(breakers, limiters),
                System::nanoTime, clock);
        this.page = new String(resource("console.html"), StandardCharsets.UTF_8);
        this.assets = Map.of("console.js", resource("console.js"), "console.css", resource("console.css"));
    }

    /** The observer Steadfast offers every guarded method and breaker to. */
    @Produces
    GuardObserver observer() {
        return observer;
    }

    ConsoleConfig config() {
        return config;
    }

    CsrfTokens tokens() {
        return tokens;
    }

    /** The latest snapshot; sampled now unless the last sample is less than a second old. */
    Snapshot snapshot() {
        return sampler.snapshot();
    }

    /** Whether another stream may open now. */
    boolean streamAllowed() {
        return !stopped && streams.get() < MAX_STREAMS;
    }

    void streamOpened() {
        streams.incrementAndGet();
    }

    void streamClosed() {
        streams.decrementAndGet();
    }

    boolean stopped() {
        return stopped;
    }

    /** Waits until the next snapshot is due, or the console stops. */
    void awaitNextSnapshot() throws InterruptedException {
        lock.lock();
        try {
            if (!stopped) {
                stopping.awaitNanos(sampler.nanosUntilDue());
            }
        } finally {
            lock.unlock();
        }
    }

    /** An asset's bytes (the page's script or style sheet); empty for any other name. */
    Optional<byte[]> asset(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    /** The content type of an asset. */
    static String assetType(String name) {
        return ASSET_TYPES.get(name);
    }

    /** The page, with {@code {{...}}} placeholders for what depends on the request. */
    String pageTemplate() {
        return page;
    }

    private static byte[] resource(String name) {
        try (InputStream in = Console.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The console's " + name + " is missing from its jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the streams (each finishes its response) and lets go of the waits. */
    @PreDestroy
    void stop() {
        lock.lock();
        try {
            stopped = true;
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Streams open now. */
    int openStreams() {
        return streams.get();
    }
}
