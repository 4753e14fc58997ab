package dev.steadfast.tck.async;

import dev.steadfast.tck.support.SteadfastWeld;
import jakarta.inject.Inject;
import org.jboss.weld.junit5.EnableWeld;
import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An {@link dev.steadfast.spi.AsyncExecutorProvider} bean replaces Steadfast's executor (docs/annotations.md). */
@EnableWeld
class AsyncExecutorProviderTest {

    @WeldSetup
    public WeldInitiator weld = SteadfastWeld.withRequestScope(WhereAmI.class, CountingExecutorProvider.class);

    @Inject
    WhereAmI whereAmI;

    @Inject
    CountingExecutorProvider provider;

    @Test
    void bodiesRunOnTheProvidedExecutor() throws Exception {
        for (int i = 0; i < 3; i++) {
            Thread body = whereAmI.thread().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertTrue(body.getName().startsWith("provided-async-"), "ran on " + body.getName());
        }
        assertEquals(3, provider.tasks(), "one task per asynchronous call");
    }

    @Test
    void theProviderIsAskedOnceForItsExecutor() throws Exception {
        assertEquals(0, provider.asked(), "nobody asks for an executor before the first asynchronous call");
        for (int i = 0; i < 3; i++) {
            whereAmI.thread().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        assertEquals(1, provider.asked());
    }
}
