package dev.steadfast.tck.restclient;

import dev.steadfast.tck.support.TestContainer;
import org.jboss.resteasy.microprofile.client.RestClientExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Weld SE with Steadfast and RESTEasy's MicroProfile Rest Client, every config key of the tests' clients set. */
final class ClientContainer {

    private ClientContainer() {
    }

    static TestContainer start(LoopbackServer server, Map<String, String> properties, Class<?>... beans) {
        return TestContainer.start(config(server, properties), List.of(new RestClientExtension()), beans);
    }

    static List<String> deploymentErrors(LoopbackServer server, Map<String, String> properties, Class<?>... beans) {
        return TestContainer.deploymentErrors(config(server, properties), List.of(new RestClientExtension()), beans);
    }

    private static Map<String, String> config(LoopbackServer server, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>();
        for (String key : List.of("quotes", "breaker", "raw", "own", "flaky", "invalid")) {
            all.put(key + "/mp-rest/url", server.url());
        }
        all.put("refused/mp-rest/url", LoopbackServer.refusingUrl());
        all.putAll(properties);
        return all;
    }
}
