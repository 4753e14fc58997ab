package dev.steadfast.tck.overload;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code @AdaptiveBulkhead}: calls beyond the current limit are rejected at once, carrying the limit. */
class AdaptiveBulkheadAnnotationTest {

    @Test
    void aCallBeyondTheCurrentLimitIsRejectedWithIt() throws Exception {
        try (TestContainer c = TestContainer.start(Reports.class)) {
            Reports reports = c.select(Reports.class);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<String> a = pool.submit(reports::render);
                Future<String> b = pool.submit(reports::render);
                assertTrue(reports.awaitInside(2), "two calls inside");

                BulkheadFullException e = assertThrows(BulkheadFullException.class, reports::render);

                assertEquals(2, e.getMaxConcurrentCalls());
                assertEquals(Reports.class.getName() + "#render()", e.getMethod());
                reports.release();
                assertEquals("report", a.get(10, TimeUnit.SECONDS));
                assertEquals("report", b.get(10, TimeUnit.SECONDS));
            } finally {
                reports.release();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theMethodKeySetsTheInitialLimit() throws Exception {
        String key = "steadfast.\"" + Reports.class.getName() + "/render\".adaptive-bulkhead.initial-limit";
        try (TestContainer c = TestContainer.start(Map.of(key, "1"), Reports.class)) {
            Reports reports = c.select(Reports.class);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<String> a = pool.submit(reports::render);
                assertTrue(reports.awaitInside(1), "one call inside");

                assertEquals(1, assertThrows(BulkheadFullException.class, reports::render).getMaxConcurrentCalls());

                reports.release();
                assertEquals("report", a.get(10, TimeUnit.SECONDS));
            } finally {
                reports.release();
                pool.shutdownNow();
            }
        }
    }
}
