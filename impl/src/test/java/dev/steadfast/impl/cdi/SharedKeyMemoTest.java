package dev.steadfast.impl.cdi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keys shared by many methods are looked up once while the application deploys; a method's own key each time. */
class SharedKeyMemoTest {

    private final List<String> asked = new ArrayList<>();
    private final Map<String, String> values = Map.of(
            "steadfast.global.retry.max-retries", "5",
            "steadfast.\"com.acme.Quotes/fetch\".retry.delay", "10ms");
    private final SharedKeyMemo memo = new SharedKeyMemo(key -> {
        asked.add(key);
        return Optional.ofNullable(values.get(key));
    });

    @Test
    void globalAndClassKeysAreLookedUpOnceWhileDeploying() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.of("5"), memo.get("steadfast.global.retry.max-retries"));
            assertEquals(Optional.empty(), memo.get("steadfast.\"com.acme.Quotes\".retry.delay"));
        }
        assertEquals(List.of("steadfast.global.retry.max-retries", "steadfast.\"com.acme.Quotes\".retry.delay"),
                asked, "an absent key is remembered as absent too");
    }

    @Test
    void aMethodsOwnKeyIsNotKept() {
        memo.get("steadfast.\"com.acme.Quotes/fetch\".retry.delay");
        assertEquals(Optional.of("10ms"), memo.get("steadfast.\"com.acme.Quotes/fetch\".retry.delay"));
        assertEquals(2, asked.size());
    }

    @Test
    void afterDeploymentItReadsThrough() {
        memo.get("steadfast.global.retry.max-retries");
        memo.forget();
        memo.get("steadfast.global.retry.max-retries");
        assertEquals(2, asked.size());
    }
}
