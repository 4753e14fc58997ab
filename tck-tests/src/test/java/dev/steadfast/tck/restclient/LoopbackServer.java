package dev.steadfast.tck.restclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's {@code HttpServer} on 127.0.0.1 and a free port, playing a script per path: each request takes the next
 * {@link Answer}, the last one repeats. It counts the requests of every path, so a test sees how many times the rest
 * client really called, and can hold answers until a latch opens (or the server closes).
 */
final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    static LoopbackServer start() {
        try {
            return new LoopbackServer();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the loopback server", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests to {@code path} with {@code answers} in order, the last one repeating. */
    void script(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
    }

    /** Requests received for {@code path} so far. */
    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Every request so far, as {@code METHOD path}, in order of arrival. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** A URL on 127.0.0.1 where nothing listens: connecting is refused. */
    static String refusingUrl() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        Answer answer = next(path);
        try {
            if (answer.gate != null) {
                answer.gate.await(30, TimeUnit.SECONDS);
            }
            if (answer.delay.toMillis() > 0) {
                closing.await(answer.delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
        answer.headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        try {
            exchange.sendResponseHeaders(answer.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException clientGone) {
            // the client timed out or was interrupted: nothing to answer
        } finally {
            exchange.close();
        }
    }

    private Answer next(String path) {
        Deque<Answer> script = scripts.get(path);
        if (script == null) {
            return Answer.status(404);
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    /** One scripted answer: status, headers, body, and how long to hold it back. */
    record Answer(int status, Map<String, String> headers, String body, Duration delay, CountDownLatch gate) {

        static Answer ok(String body) {
            return new Answer(200, Map.of(), body, Duration.ZERO, null);
        }

        static Answer status(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO, null);
        }

        /** 503 Service Unavailable with {@code Retry-After: <value>}. */
        static Answer unavailable(String retryAfter) {
            return new Answer(503, Map.of("Retry-After", retryAfter), "down for maintenance", Duration.ZERO, null);
        }

        Answer withBody(String text) {
            return new Answer(status, headers, text, delay, gate);
        }

        /** The same answer, sent after {@code delay} (or when the server closes). */
        Answer after(Duration delay) {
            return new Answer(status, headers, body, delay, gate);
        }

        /** The same answer, sent once {@code gate} opens. */
        Answer heldBy(CountDownLatch gate) {
            return new Answer(status, headers, body, delay, gate);
        }
    }
}
