package dev.steadfast.it.wildfly;

import dev.steadfast.it.scenarios.ServerScenarios;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The scenarios on WildFly with standalone.xml plus its MicroProfile Fault Tolerance subsystem: the EJB and the CDI
 * bean, beside WildFly's own Fault Tolerance (SmallRye). The build has started the server and it deployed the WAR at boot.
 */
class WildFlyIT extends ServerScenarios {

    @BeforeAll
    static void theWarIsDeployed() throws IOException {
        Path deployments = Path.of(System.getProperty("wildfly.deployments"));
        Path failed = deployments.resolve("steadfast-it.war.failed");
        if (Files.exists(failed)) {
            fail("WildFly failed to deploy the WAR: " + Files.readString(failed));
        }
        assertTrue(Files.exists(deployments.resolve("steadfast-it.war.deployed")),
                "WildFly has not deployed the WAR; see its log under " + deployments.getParent().resolve("log"));
    }

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + System.getProperty("wildfly.http.port") + "/steadfast-it/api/");
    }

    @Override
    protected List<String> kinds() {
        return List.of("cdi", "ejb");
    }

    /** The WAR's config moves the console there. */
    @Override
    protected String console() {
        return "ops/steadfast";
    }
}
