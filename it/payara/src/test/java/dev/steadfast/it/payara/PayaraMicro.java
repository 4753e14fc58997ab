package dev.steadfast.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Payara Micro as a child process of the test JVM, serving one WAR on 127.0.0.1 and a free port. Its PID is written
 * to {@code server.pid}; a server left behind by an earlier, killed run of the same module is stopped by that PID
 * (after checking it still runs this module's jar) before a new one starts. {@link #stop()} and a JVM shutdown hook
 * stop it, with its descendants.
 */
final class PayaraMicro {

    /** What Payara Micro logs once every deployment is up. */
    static final String READY = " ready in ";

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final int port;
    private final Thread shutdownHook;

    private PayaraMicro(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.shutdownHook = new Thread(this::kill, "payara-micro-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Payara Micro from {@code dir/payara-micro.jar} with {@code dir/steadfast-it.war}; returns when ready. */
    static PayaraMicro start(Path dir) throws IOException, InterruptedException {
        Path jar = dir.resolve("payara-micro.jar").toAbsolutePath();
        Path war = dir.resolve("steadfast-it.war").toAbsolutePath();
        Path pidFile = dir.resolve("server.pid");
        stopLeftOver(pidFile, jar);

        Path preBoot = dir.resolve("pre-boot-commands.asadmin");
        Files.write(preBoot, List.of(
                "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener"
                        + ".address=127.0.0.1",
                "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false"),
                StandardCharsets.UTF_8);
        Path unpacked = Files.createDirectories(dir.resolve("unpacked")).toAbsolutePath();
        Path root = Files.createDirectories(dir.resolve("root")).toAbsolutePath();
        int port = freePort();
        Path log = dir.resolve("server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(),
                "--nocluster", "--disablephonehome",
                "--port", Integer.toString(port),
                "--unpackdir", unpacked.toString(),
                "--rootdir", root.toString(),
                "--prebootcommandfile", preBoot.toAbsolutePath().toString(),
                "--deploy", war.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        PayaraMicro server = new PayaraMicro(process, log, port);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException | Error | InterruptedException e) {
            server.stop();
            throw e;
        }
    }

    /** The application's JAX-RS root: {@code http://127.0.0.1:<port>/steadfast-it/api/}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/steadfast-it/api/");
    }

    /** Stops the server and its descendants; waits for them to end. */
    void stop() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: it did the same
        }
    }

    private void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(BOOT_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String text = readLog();
            if (text.contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue()
                        + " before it was ready; its log " + log + " ends with:\n" + tail(text));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Payara Micro was not ready in " + BOOT_TIMEOUT.toSeconds()
                + " s; its log " + log + " ends with:\n" + tail(readLog()));
    }

    private String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** Stops the process named in {@code pidFile} if it is still alive and still runs {@code jar}. */
    private static void stopLeftOver(Path pidFile, Path jar) throws IOException, InterruptedException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> leftOver = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(jar.toString())).orElse(false));
        if (leftOver.isPresent()) {
            ProcessHandle p = leftOver.get();
            System.err.println("Stopping Payara Micro left behind by an earlier run, PID " + pid);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.onExit().join();
        }
        Files.delete(pidFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
