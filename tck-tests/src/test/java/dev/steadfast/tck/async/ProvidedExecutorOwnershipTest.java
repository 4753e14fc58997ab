package dev.steadfast.tck.async;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The executor of an {@link dev.steadfast.spi.AsyncExecutorProvider} belongs to the provider, not to Steadfast. */
class ProvidedExecutorOwnershipTest {

    @Test
    void shutdownLeavesTheProvidedExecutorRunning() throws Exception {
        ExecutorService pool;
        try (TestContainer c = TestContainer.start(WhereAmI.class, OwnPoolProvider.class)) {
            pool = c.select(OwnPoolProvider.class).pool();
            Thread body = c.select(WhereAmI.class).thread().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals("own-pool", body.getName());
        }
        try {
            assertFalse(pool.isShutdown(), "Steadfast shut down an executor it does not own");
        } finally {
            pool.shutdownNow();
        }
    }
}
