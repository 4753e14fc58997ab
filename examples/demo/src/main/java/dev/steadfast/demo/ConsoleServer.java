package dev.steadfast.demo;

import com.sun.net.httpserver.HttpServer;
import dev.steadfast.console.ConsoleExtension;
import dev.steadfast.console.ConsolePathFilter;
import dev.steadfast.console.ConsoleResource;
import jakarta.enterprise.inject.se.SeContainer;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the Steadfast console of the demo's container ({@code --console}): what an application server does for a real
 * application, here Jersey on the JDK's HTTP server, on 127.0.0.1 and a free port. The console's resource and filter
 * are beans of the container (its {@code ConsoleExtension} registered them), handed to Jersey as instances.
 */
final class ConsoleServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final String path;

    private ConsoleServer(HttpServer server, ExecutorService threads, String path) {
        this.server = server;
        this.threads = threads;
        this.path = path;
    }

    static ConsoleServer start(SeContainer container) {
        ResourceConfig app = new ResourceConfig()
                .register(container.select(ConsoleResource.class).get())
                .register(container.select(ConsolePathFilter.class).get());
        HttpServer server = JdkHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, false);
        // A stream holds its request's thread for as long as the page is open.
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "demo-console-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.start();
        return new ConsoleServer(server, threads, container.select(ConsoleExtension.class).get().config().path());
    }

    /** The console's page. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
