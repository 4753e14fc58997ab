package dev.steadfast.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.steadfast.RetryExhaustedException;
import dev.steadfast.impl.cdi.SteadfastExtension;
import dev.steadfast.testsupport.WeldTestContainer;
import dev.steadfast.testsupport.fixtures.Flaky;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Observers that cannot be loaded or started are left out; the deployment and the other observers go on. */
class ObserverFailuresTest {

    @Test
    void aBrokenProviderEntryAndAnObserverThatFailsToStartAreLeftOut(@TempDir Path dir) throws IOException {
        // The application's class loader lists, before this module's observer, a provider class that does not exist
        // (a module whose library is missing looks the same to ServiceLoader).
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.steadfast.spi.GuardObserver"), "com.acme.MissingObserver\n");
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader app = new URLClassLoader(new URL[] {dir.toUri().toURL()}, original) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                List<URL> all = Collections.list(findResources(name)); // its own entries first
                all.addAll(Collections.list(getParent().getResources(name)));
                return Collections.enumeration(all);
            }
        }) {
            thread.setContextClassLoader(app);
            try (WeldTestContainer container = WeldTestContainer.start(new SteadfastExtension(),
                    TestRegistry.class, BrokenObserver.class, Flaky.class)) {
                assertThrows(RetryExhaustedException.class, container.select(Flaky.class)::alwaysFails);

                MeterRegistry registry = container.select(MeterRegistry.class);
                assertEquals(3, registry.get("steadfast.retries").tags("method",
                        "dev.steadfast.testsupport.fixtures.Flaky#alwaysFails()").counter().count());
            }
        } finally {
            thread.setContextClassLoader(original);
        }
    }
}
