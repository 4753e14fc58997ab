package dev.steadfast.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for a test: on a free loopback port, in a throwaway directory, persisting nothing. It can
 * be killed ({@code SIGKILL}, as {@code kill -9}) and started again on the same port. Without {@code redis-server} on
 * the machine the test fails saying how to install it: these tests are the proof that the backend works, so they are
 * never skipped.
 */
final class RedisServer implements AutoCloseable {

    private final Path executable;
    private final Path dir;
    private final int port;
    private Process process;
    private RedisClient inspector;
    private StatefulRedisConnection<String, String> inspection;

    private RedisServer(Path executable, Path dir, int port) {
        this.executable = executable;
        this.dir = dir;
        this.port = port;
    }

    /** Starts one; fails when {@code redis-server} is missing or does not answer within 10 s. */
    static RedisServer start() throws IOException, InterruptedException {
        RedisServer s = new RedisServer(find(), Files.createTempDirectory("steadfast-redis-"), freePort());
        s.launch();
        return s;
    }

    static Path find() {
        String path = System.getenv().getOrDefault("PATH", "") + java.io.File.pathSeparator + "/usr/bin"
                + java.io.File.pathSeparator + "/usr/local/bin";
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                Path p = Paths.get(d, "redis-server");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError("redis-server is not on this machine; the steadfast-redis tests need a real Redis"
                + " 7: install it with 'apt-get install -y redis-server' (.ci/run does so when it is missing)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(executable.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers()) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("redis.log")));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("redis-server did not answer on port " + port + " within 10 s");
            }
            Thread.sleep(20);
        }
    }

    /** Whether it answers PING, on a plain socket. */
    private boolean answers() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] b = new byte[7];
            int n = in.read(b);
            return n > 0 && new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code kill -9}: the process dies at once, with everything it held (nothing is persisted). */
    void kill() throws InterruptedException {
        closeInspection();
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts it again on the same port, empty. */
    void restart() throws IOException, InterruptedException {
        launch();
    }

    /** A synchronous connection for the test's own look at the data. */
    RedisCommands<String, String> redis() {
        if (inspection == null) {
            inspector = RedisClient.create(RedisURI.create(uri()));
            inspection = inspector.connect();
        }
        return inspection.sync();
    }

    /** Every key under {@code prefix}. */
    List<String> keys(String prefix) {
        return redis().keys(prefix + "*");
    }

    private void closeInspection() {
        if (inspector != null) {
            inspection.close();
            inspector.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            inspector = null;
            inspection = null;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closeInspection();
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
