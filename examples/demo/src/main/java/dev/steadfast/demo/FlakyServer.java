package dev.steadfast.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The flaky dependency: a small HTTP quote service on 127.0.0.1 that answers {@code GET /quotes/<SYMBOL>} with
 * {@code <SYMBOL> <price>} and behaves as its current {@link Phase} says. When the phase is {@link Phase#DOWN} the
 * server really stops, so callers get "connection refused"; it comes back on the same port.
 */
final class FlakyServer implements AutoCloseable {

    private final InetAddress host = InetAddress.getLoopbackAddress();
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flaky-server");
        t.setDaemon(true);
        return t;
    });
    private volatile Phase phase = Phase.HEALTHY;
    private HttpServer server; // guarded by this; null while down
    private int port;          // guarded by this; 0 until the first start picks a free port

    /** Starts the server, healthy, on a free port. */
    static FlakyServer start() {
        FlakyServer flaky = new FlakyServer();
        flaky.enter(Phase.HEALTHY);
        return flaky;
    }

    synchronized URI uri() {
        return URI.create("http://" + host.getHostAddress() + ":" + port + "/quotes/");
    }

    /** Switches the behaviour; entering {@link Phase#DOWN} closes the listening socket, leaving it reopens it. */
    synchronized void enter(Phase next) {
        phase = next;
        if (next == Phase.DOWN && server != null) {
            server.stop(0);
            server = null;
        } else if (next != Phase.DOWN && server == null) {
            listen();
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        handlers.shutdownNow();
    }

    private void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 100);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + host.getHostAddress() + ":" + port, e);
        }
        server.createContext("/quotes/", this::answer);
        server.setExecutor(handlers);
        server.start();
        port = server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            switch (phase) {
                case HEALTHY -> respondAfter(exchange, random.nextLong(5, 20));
                case SLOW -> respondAfter(exchange, random.nextInt(5) == 0
                        ? random.nextLong(1000, 2500) : random.nextLong(100, 400));
                case FAILING -> unavailable(exchange);
                case RECOVERING -> {
                    if (random.nextInt(10) == 0) {
                        unavailable(exchange);
                    } else {
                        respondAfter(exchange, random.nextLong(20, 150));
                    }
                }
                // A request accepted just before the socket closed: closed below without an answer.
                case DOWN -> { }
            }
        } finally {
            exchange.close();
        }
    }

    private static void respondAfter(HttpExchange exchange, long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the server is closing
        }
        String symbol = exchange.getRequestURI().getPath().substring("/quotes/".length());
        double price = 100 + ThreadLocalRandom.current().nextDouble(-5, 5);
        byte[] body = String.format(Locale.ROOT, "%s %.2f", symbol, price).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void unavailable(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", "1");
        exchange.sendResponseHeaders(503, -1);
    }
}
