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
 * Payara Micro as a child process of the test JVM, serving one WAR on 127.0.0.1 and a free port: alone, Hazelcast
 * off ({@link #start}), or as one member of a cluster on loopback ({@link #startClusterMember}). Its PID is written
 * to {@code <name>.pid}; a server left behind by an earlier, killed run of the same module is stopped by that PID
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
    private final String contextRoot;
    private final Thread shutdownHook;

    private PayaraMicro(Process process, Path log, int port, String contextRoot) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.contextRoot = contextRoot;
        this.shutdownHook = new Thread(this::kill, "payara-micro-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Payara Micro from {@code dir/payara-micro.jar} with {@code dir/steadfast-it.war}, clustering and
     * Hazelcast off; returns when ready. Its files are {@code dir/server.log}, {@code dir/unpacked}, {@code dir/root}.
     */
    static PayaraMicro start(Path dir) throws IOException, InterruptedException {
        return start(dir, "server", "steadfast-it.war", "steadfast-it",
                List.of("set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false"),
                List.of("--nocluster"));
    }

    /**
     * Starts one member of a Payara Micro cluster on loopback: the server's Hazelcast listens on 127.0.0.1 and
     * {@code hazelcastPort}, multicast off, and finds the other members by TCP/IP at {@code members}
     * ({@code 127.0.0.1:port,...}); {@code libraries} go on Payara's own class path ({@code --addlibs}), where its
     * Hazelcast can load them. Serves {@code dir/<war>}; its files are {@code dir/<name>.log},
     * {@code dir/<name>/unpacked}, {@code dir/<name>/root}.
     */
    static PayaraMicro startClusterMember(Path dir, String name, String war, String contextRoot, String clusterName,
                                          int hazelcastPort, String members, List<Path> libraries)
            throws IOException, InterruptedException {
        return start(dir, name, war, contextRoot, List.of(), List.of(
                "--addlibs", String.join(":", libraries.stream().map(p -> p.toAbsolutePath().toString()).toList()),
                "--name", name,
                "--clustername", clusterName,
                "--clustermode", "tcpip:" + members,
                "--interfaces", "127.0.0.1",
                "--startport", Integer.toString(hazelcastPort),
                "--nohostaware"));
    }

    private static PayaraMicro start(Path dir, String name, String war, String contextRoot, List<String> preBootExtra,
                                     List<String> options) throws IOException, InterruptedException {
        Path jar = dir.resolve("payara-micro.jar").toAbsolutePath();
        Path warFile = dir.resolve(war).toAbsolutePath();
        Path pidFile = dir.resolve(name + ".pid");
        stopLeftOver(pidFile, jar);

        Path home = name.equals("server") ? dir : Files.createDirectories(dir.resolve(name));
        Path preBoot = home.resolve("pre-boot-commands.asadmin");
        List<String> commands = new java.util.ArrayList<>();
        commands.add("set configs.config.server-config.network-config.network-listeners.network-listener.http-listener"
                + ".address=127.0.0.1");
        commands.addAll(preBootExtra);
        Files.write(preBoot, commands, StandardCharsets.UTF_8);
        Path unpacked = Files.createDirectories(home.resolve("unpacked")).toAbsolutePath();
        if (!name.equals("server")) {
            // a member starts from a clean root: a root kept from an earlier run already holds the WAR, which Payara
            // would deploy at boot and then once more for --deploy
            deleteTree(home.resolve("root"));
        }
        Path root = Files.createDirectories(home.resolve("root")).toAbsolutePath();
        int port = freePort();
        Path log = dir.resolve(name + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(),
                "--disablephonehome",
                "--port", Integer.toString(port),
                "--unpackdir", unpacked.toString(),
                "--rootdir", root.toString(),
                "--prebootcommandfile", preBoot.toAbsolutePath().toString()));
        command.addAll(options);
        command.addAll(List.of("--deploy", warFile.toString()));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Files.writeString(pidFile, Long.toString(process.pid()));
        PayaraMicro server = new PayaraMicro(process, log, port, contextRoot);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException | Error | InterruptedException e) {
            server.stop();
            throw e;
        }
    }

    /** The application's JAX-RS root: {@code http://127.0.0.1:<port>/<context root>/api/}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/" + contextRoot + "/api/");
    }

    /** Where the server writes its log. */
    Path log() {
        return log;
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

    private static void deleteTree(Path tree) throws IOException {
        if (Files.exists(tree)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(tree)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
