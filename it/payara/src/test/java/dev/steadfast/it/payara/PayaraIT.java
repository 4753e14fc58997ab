package dev.steadfast.it.payara;

import dev.steadfast.it.scenarios.ServerScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** The scenarios on Payara Micro 6: the EJB and the CDI bean, beside Payara's own MicroProfile Fault Tolerance. */
class PayaraIT extends ServerScenarios {

    private static PayaraMicro server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PayaraMicro.start(Path.of(System.getProperty("payara.dir")));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Override
    protected URI base() {
        return server.base();
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
