package dev.steadfast.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Hazelcast members in this JVM forming one cluster on loopback: TCP-IP join on 127.0.0.1 with free ports, multicast
 * and auto-detection off, heartbeats every second and a member given up after three silent seconds, so that tests
 * notice a terminated member quickly. Each member has a unique instance name, which a Steadfast member finds through
 * {@code steadfast.hazelcast.instance-name}.
 */
final class Grid implements AutoCloseable {

    final String clusterName = "steadfast-test-" + UUID.randomUUID();
    final List<Integer> ports = new ArrayList<>();
    final List<HazelcastInstance> members = new ArrayList<>();
    private final List<HazelcastInstance> clients = new ArrayList<>();

    /** A cluster of {@code size} members, started in parallel; returns once they all see each other. */
    static Grid start(int size) throws Exception {
        Grid g = new Grid();
        for (int i = 0; i < size; i++) {
            g.ports.add(freePort());
        }
        g.startMembers();
        return g;
    }

    /** Starts a member on every port (again, after {@link #terminateAll()}), and waits until they formed a cluster. */
    void startMembers() throws Exception {
        List<CompletableFuture<HazelcastInstance>> starting = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            Config c = config(i);
            starting.add(CompletableFuture.supplyAsync(() -> Hazelcast.newHazelcastInstance(c)));
        }
        members.clear();
        for (CompletableFuture<HazelcastInstance> f : starting) {
            members.add(f.get(120, TimeUnit.SECONDS));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (HazelcastInstance m : members) {
            while (m.getCluster().getMembers().size() < ports.size()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("the members did not form one cluster: " + m.getCluster().getMembers());
                }
                Thread.sleep(50);
            }
        }
    }

    /** The instance name of member {@code i}, for {@code steadfast.hazelcast.instance-name}. */
    String name(int i) {
        return clusterName + "-m" + i;
    }

    private Config config(int i) {
        return memberConfig(clusterName, name(i), ports.get(i), ports);
    }

    /** A member on loopback {@code port} of a cluster on {@code ports}, noticing a dead member within seconds. */
    static Config memberConfig(String clusterName, String instanceName, int port, List<Integer> ports) {
        Config c = new Config();
        c.setInstanceName(instanceName);
        c.setClusterName(clusterName);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", "3");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.partition.count", "31");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(false);
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

    /**
     * A client of this cluster named {@code name}, started at once (it connects in the background), which reconnects
     * every few hundred milliseconds for ever after losing the cluster.
     */
    HazelcastInstance client(String name) {
        ClientConfig c = new ClientConfig();
        c.setInstanceName(name);
        c.setClusterName(clusterName);
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.client.heartbeat.interval", "500");
        c.setProperty("hazelcast.client.heartbeat.timeout", "3000");
        for (int p : ports) {
            c.getNetworkConfig().addAddress("127.0.0.1:" + p);
        }
        c.getNetworkConfig().setConnectionTimeout(1000);
        ClientConnectionStrategyConfig strategy = c.getConnectionStrategyConfig();
        strategy.setReconnectMode(ClientConnectionStrategyConfig.ReconnectMode.ON);
        strategy.getConnectionRetryConfig().setInitialBackoffMillis(100).setMaxBackoffMillis(300)
                .setClusterConnectTimeoutMillis(-1);
        HazelcastInstance client = HazelcastClient.newHazelcastClient(c);
        clients.add(client);
        return client;
    }

    /** Kills member {@code i} as a crashed process dies: no goodbye to the others. */
    void terminate(int i) {
        members.get(i).getLifecycleService().terminate();
    }

    /** Kills every member. */
    void terminateAll() {
        for (HazelcastInstance m : members) {
            m.getLifecycleService().terminate();
        }
    }

    @Override
    public void close() {
        for (HazelcastInstance c : clients) {
            c.getLifecycleService().terminate();
        }
        for (HazelcastInstance m : members) {
            if (m.getLifecycleService().isRunning()) {
                m.getLifecycleService().terminate();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
