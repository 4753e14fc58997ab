package dev.steadfast.tck.restclient;

import dev.steadfast.restclient.RestClientConfigCheck;
import dev.steadfast.tck.support.TestContainer;
import org.jboss.resteasy.microprofile.client.RestClientExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A broken definition on a client interface fails the deployment, like one on a bean (docs/validation.md). */
class ClientValidationTest {

    private static final String INVALID = InvalidClient.class.getName();
    private static final String QUOTES = QuotesClient.class.getName();

    private LoopbackServer server;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyBrokenDefinitionOnAClientInterfaceIsReported() {
        List<String> errors = ClientContainer.deploymentErrors(server, Map.of(), InvalidClient.class);

        assertEquals(List.of(
                "@Fallback.fallbackMethod on " + INVALID + "#withMethod(String): a rest client interface cannot have"
                        + " fallback methods, as rest client implementations do not give interceptors the client to"
                        + " call them on; use a FallbackHandler: @Fallback(value = ...)",
                "@Retry on " + INVALID + "#local(): the method is a default method of a rest client interface, which"
                        + " rest client implementations call without interceptors; guard an abstract (HTTP) method of"
                        + " the interface instead",
                "@Retry.jitter on " + INVALID + "#get(String): 2.0 is not within [0, 1]"),
                errors.stream().sorted().toList());
    }

    @Test
    void aBadConfigValueForAClientMethodNamesTheKey() {
        String key = "steadfast.\"" + QUOTES + "/get\".retry.max-retries";

        List<String> errors = ClientContainer.deploymentErrors(server, Map.of(key, "lots"), QuotesClient.class);

        assertEquals(List.of("@Retry.maxRetries on " + QUOTES + "#get(String): 'lots' (from config key " + key
                + ") is not an integer"), errors);
    }

    @Test
    void aBadSettingOfTheRestClientModuleFailsTheDeployment() {
        List<String> errors = TestContainer.deploymentErrors(
                Map.of("steadfast.rest-client.max-retry-after", "soon"),
                List.of(new RestClientExtension(), new RestClientConfigCheck()), Watcher.class);

        assertEquals(List.of("Config key steadfast.rest-client.max-retry-after: 'soon' is not a time of 0 or more:"
                + " use whole seconds, a whole number with ms, s, m or h, or an ISO-8601 duration such as PT10M"),
                errors);
    }
}
