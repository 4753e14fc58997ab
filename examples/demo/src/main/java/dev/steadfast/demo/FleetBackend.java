package dev.steadfast.demo;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the nodes of a fleet share, started by the demo itself on loopback: Hazelcast members in this JVM (one per node,
 * TCP-IP join on 127.0.0.1 with free ports, multicast off) or a {@code redis-server} on a free port. Each node gets the
 * config keys that point its Steadfast at it.
 */
abstract class FleetBackend implements AutoCloseable {

    /** The backends {@code --cluster} accepts. */
    static final List<String> NAMES = List.of("hazelcast", "redis");

    /** Starts the backend named {@code name} for {@code nodes} nodes; fails with a message saying what is missing. */
    static FleetBackend start(String name, int nodes) throws Exception {
        return name.equals("redis") ? new Redis() : new HazelcastGrid(nodes);
    }

    /** Where the backend runs, for the first line of the demo. */
    abstract String describe();

    /** The config keys of node {@code index} (from 0): the backend, and where to find it. */
    abstract Map<String, String> configOf(int index);

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One embedded Hazelcast member per node, forming one cluster on 127.0.0.1. */
    static final class HazelcastGrid extends FleetBackend {

        private final String clusterName = "steadfast-demo-" + UUID.randomUUID().toString().substring(0, 8);
        private final List<HazelcastInstance> members = new ArrayList<>();

        HazelcastGrid(int size) throws Exception {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ports.add(freePort());
            }
            List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Config c = memberConfig(i, ports);
                starting.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(c)));
            }
            try {
                for (CompletableFuture<HazelcastInstance> f : starting) {
                    members.add(f.get(120, TimeUnit.SECONDS));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (HazelcastInstance m : members) {
                    while (m.getCluster().getMembers().size() < size) {
                        if (System.nanoTime() - deadline > 0) {
                            throw new IllegalStateException("The demo's Hazelcast members did not form one cluster"
                                    + " within 60 s: " + m.getCluster().getMembers());
                        }
                        Thread.sleep(50);
                    }
                }
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        private String name(int i) {
            return clusterName + "-m" + i;
        }

        private Config memberConfig(int i, List<Integer> ports) {
            Config c = new Config();
            c.setInstanceName(name(i));
            c.setClusterName(clusterName);
            c.setProperty("hazelcast.phone.home.enabled", "false");
            c.setProperty("hazelcast.logging.type", "jdk");
            c.setProperty("hazelcast.wait.seconds.before.join", "0");
            c.setProperty("hazelcast.shutdownhook.enabled", "false");
            NetworkConfig n = c.getNetworkConfig();
            n.setPort(ports.get(i)).setPortAutoIncrement(false);
            n.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
            JoinConfig join = n.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
            for (int p : ports) {
                join.getTcpIpConfig().addMember("127.0.0.1:" + p);
            }
            return c;
        }

        @Override
        String describe() {
            return "Hazelcast cluster '" + clusterName + "' of " + members.size() + " members on 127.0.0.1 "
                    + members.stream().map(m -> String.valueOf(m.getCluster().getLocalMember().getAddress().getPort()))
                    .toList();
        }

        @Override
        Map<String, String> configOf(int index) {
            return Map.of("steadfast.cluster.backend", "hazelcast", "steadfast.hazelcast.instance-name", name(index));
        }

        @Override
        public void close() {
            for (HazelcastInstance m : members) {
                m.getLifecycleService().terminate();
            }
        }
    }

    /** A {@code redis-server} of its own: free loopback port, throwaway directory, nothing persisted. */
    static final class Redis extends FleetBackend {

        private final Path dir;
        private final int port;
        private final Process process;

        Redis() throws IOException, InterruptedException {
            Path executable = find();
            dir = Files.createTempDirectory("steadfast-demo-redis-");
            port = freePort();
            process = new ProcessBuilder(executable.toString(), "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!answers()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited with " + process.exitValue() + ": "
                            + Files.readString(dir.resolve("redis.log")));
                }
                if (System.nanoTime() - deadline > 0) {
                    close();
                    throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s");
                }
                Thread.sleep(20);
            }
        }

        /** {@code redis-server} on the PATH, or an error saying so. */
        static Path find() {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    Path p = Path.of(d, "redis-server");
                    if (Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
            throw new IllegalStateException("--cluster redis needs redis-server on the PATH, and there is none"
                    + " (on Debian or Ubuntu: apt-get install redis-server); --cluster hazelcast needs nothing");
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

        @Override
        String describe() {
            return "redis-server on 127.0.0.1:" + port;
        }

        @Override
        Map<String, String> configOf(int index) {
            return Map.of("steadfast.cluster.backend", "redis", "steadfast.redis.uri", "redis://127.0.0.1:" + port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException leftBehind) {
                // a temporary directory; the OS cleans it up
            }
        }
    }
}
