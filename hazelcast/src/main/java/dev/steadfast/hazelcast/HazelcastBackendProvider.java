package dev.steadfast.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.XmlClientConfigBuilder;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.steadfast.spi.cluster.ClusterBackend;
import dev.steadfast.spi.cluster.ClusterBackendProvider;
import dev.steadfast.spi.cluster.ClusterContext;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Steadfast's cluster backend on Hazelcast 5, found through {@code META-INF/services}. Its config keys are
 * {@code steadfast.hazelcast.*}. The {@link HazelcastInstance} is the first of, in this order:
 * <ol>
 * <li>{@code steadfast.hazelcast.instance-name}: a member or client of that name already running in the JVM (an
 *     instance the application started itself, or several applications in one JVM); it fails when there is none;</li>
 * <li>the application's CDI bean of type {@code HazelcastInstance} (exactly one, default qualifier);</li>
 * <li>the server's own, by JNDI: {@code steadfast.hazelcast.jndi-name}, by default {@code payara/Hazelcast}
 *     (Payara Server and Payara Micro); {@code none} skips the lookup;</li>
 * <li>a client the backend starts from {@code steadfast.hazelcast.client-config} (an XML or YAML file path or class
 *     path resource);</li>
 * <li>a member the backend starts from {@code steadfast.hazelcast.config} (an XML or YAML file path or class path
 *     resource), or else from Hazelcast's own lookup ({@code -Dhazelcast.config}, {@code hazelcast.xml} or
 *     {@code hazelcast.yaml} in the working directory, then on the class path, then Hazelcast's defaults).</li>
 * </ol>
 * The backend shuts down only an instance it started. {@code steadfast.hazelcast.min-cluster-size} (default 1) makes it
 * report the connection lost while the Hazelcast cluster has fewer members: set it to a majority of the members so
 * that a member cut off from the others decides on its local share rather than on a cluster of its own.
 */
public final class HazelcastBackendProvider implements ClusterBackendProvider {

    /** The JNDI name under which Payara binds its Hazelcast instance. */
    public static final String PAYARA_JNDI_NAME = "payara/Hazelcast";

    private static final System.Logger LOG = System.getLogger("dev.steadfast.hazelcast");

    @Override
    public String name() {
        return "hazelcast";
    }

    @Override
    public ClusterBackend open(ClusterContext context) throws Exception {
        int minClusterSize = minClusterSize(context);
        Source source = source(context);
        HazelcastBackend backend;
        try {
            backend = new HazelcastBackend(source.instance(), source.owned(), source.description(), context,
                    minClusterSize);
        } catch (RuntimeException e) {
            if (source.owned()) {
                source.instance().shutdown();
            }
            throw e;
        }
        LOG.log(Level.INFO, () -> "Steadfast's fleet-wide policies of application '" + context.application()
                + "' use " + source.description());
        return backend;
    }

    private static int minClusterSize(ClusterContext context) {
        Optional<String> raw = context.config("min-cluster-size");
        if (raw.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(raw.get().trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Config key steadfast.hazelcast.min-cluster-size: '" + raw.get()
                + "' is not a whole number of at least 1");
    }

    /** Where the instance came from, and whether the backend started it (and so shuts it down). */
    record Source(HazelcastInstance instance, boolean owned, String description) {
    }

    static Source source(ClusterContext context) throws Exception {
        Optional<String> name = context.config("instance-name");
        if (name.isPresent()) {
            HazelcastInstance hz = Hazelcast.getHazelcastInstanceByName(name.get());
            if (hz == null) {
                hz = HazelcastClient.getHazelcastClientByName(name.get());
            }
            if (hz == null) {
                throw new IllegalStateException("Config key steadfast.hazelcast.instance-name: no Hazelcast member or"
                        + " client named '" + name.get() + "' runs in this JVM; start it before the first CLUSTER"
                        + " policy, or remove the key");
            }
            return new Source(hz, false, "the Hazelcast instance '" + name.get() + "'");
        }
        Optional<HazelcastInstance> bean = context.bean(HazelcastInstance.class);
        if (bean.isPresent()) {
            return new Source(bean.get(), false, "the application's HazelcastInstance bean '"
                    + bean.get().getName() + "'");
        }
        String jndiName = context.config("jndi-name").orElse(PAYARA_JNDI_NAME);
        if (!jndiName.equals("none")) {
            Optional<HazelcastInstance> server = lookup(jndiName);
            if (server.isPresent()) {
                return new Source(server.get(), false, "the server's Hazelcast instance (JNDI " + jndiName + ")");
            }
        }
        ClassLoader loader = context.classLoader();
        Optional<String> clientConfig = context.config("client-config");
        if (clientConfig.isPresent()) {
            ClientConfig config = clientConfig(clientConfig.get(), loader);
            config.setClassLoader(loader);
            return new Source(HazelcastClient.newHazelcastClient(config), true, "a Hazelcast client started from "
                    + clientConfig.get() + " (cluster '" + config.getClusterName() + "')");
        }
        Optional<String> memberConfig = context.config("config");
        Config config = memberConfig.isPresent() ? memberConfig(memberConfig.get(), loader) : Config.load();
        config.setClassLoader(loader);
        return new Source(Hazelcast.newHazelcastInstance(config), true, "a Hazelcast member started from "
                + memberConfig.orElse("Hazelcast's own configuration lookup") + " (cluster '"
                + config.getClusterName() + "')");
    }

    /** The server's instance bound at {@code jndiName}, or empty outside a server or when nothing is bound. */
    private static Optional<HazelcastInstance> lookup(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof HazelcastInstance hz) {
                return Optional.of(hz);
            }
            if (found != null) {
                LOG.log(Level.WARNING, () -> "Steadfast found " + found.getClass().getName() + " at JNDI " + jndiName
                        + ", not a HazelcastInstance it can use (a second copy of Hazelcast in the application?);"
                        + " it is left alone");
            }
        } catch (NamingException | RuntimeException e) {
            // No JNDI here (plain Java SE) or nothing bound: the normal case outside Payara.
            LOG.log(Level.DEBUG, () -> "No Hazelcast instance at JNDI " + jndiName + ": " + e);
        }
        return Optional.empty();
    }

    private static Config memberConfig(String where, ClassLoader loader) throws IOException {
        File file = new File(where);
        if (file.isFile()) {
            return Config.loadFromFile(file);
        }
        if (loader.getResource(where) != null) {
            return Config.loadFromClasspath(loader, where);
        }
        throw new IllegalArgumentException("Config key steadfast.hazelcast.config: '" + where + "' is neither a file"
                + " nor a class path resource");
    }

    private static ClientConfig clientConfig(String where, ClassLoader loader) throws IOException {
        File file = new File(where);
        boolean yaml = where.endsWith(".yaml") || where.endsWith(".yml");
        try (InputStream in = file.isFile() ? new FileInputStream(file) : loader.getResourceAsStream(where)) {
            if (in == null) {
                throw new IllegalArgumentException("Config key steadfast.hazelcast.client-config: '" + where
                        + "' is neither a file nor a class path resource");
            }
            return yaml ? new YamlClientConfigBuilder(in).build() : new XmlClientConfigBuilder(in).build();
        }
    }
}
