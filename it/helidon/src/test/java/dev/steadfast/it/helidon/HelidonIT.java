package dev.steadfast.it.helidon;

import dev.steadfast.it.scenarios.ServerScenarios;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.enterprise.inject.spi.CDI;

import java.net.URI;
import java.util.List;

/**
 * The scenarios on Helidon MP 4, in this JVM: the CDI bean (Helidon has no EJB), beside Helidon's own MicroProfile
 * Fault Tolerance. Steadfast comes in as a plain jar on the class path; its extension is found through
 * {@code META-INF/services}.
 */
@HelidonTest
class HelidonIT extends ServerScenarios {

    @Override
    protected URI base() {
        int port = CDI.current().select(ServerCdiExtension.class).get().port();
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    protected List<String> kinds() {
        return List.of("cdi");
    }
}
