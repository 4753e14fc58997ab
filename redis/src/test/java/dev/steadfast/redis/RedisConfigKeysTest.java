package dev.steadfast.redis;

import dev.steadfast.spi.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedisConfigKeysTest {

    @Test
    void strictConfigFindsEveryKeyTheBackendReads() {
        Set<String> declared = ServiceLoader.load(ConfigKeys.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(RedisConfigKeys.class::isInstance)
                .flatMap(k -> k.keys().stream())
                .collect(Collectors.toSet());

        assertEquals(Set.of("steadfast.redis.uri", "steadfast.redis.key-prefix"), declared);
    }
}
