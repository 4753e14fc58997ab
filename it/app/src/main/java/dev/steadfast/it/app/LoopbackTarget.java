package dev.steadfast.it.app;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

import java.net.URI;

/**
 * Points a request for the placeholder host {@value #PLACEHOLDER_HOST} at this application, whose base URI the
 * resource records from the request it serves: the servers pick their port when the tests run, after the config was
 * written.
 */
public class LoopbackTarget implements ClientRequestFilter {

    static final String PLACEHOLDER_HOST = "loopback.invalid";

    private static volatile URI base;

    /** The application's base URI, ending in {@code /}. */
    static void base(URI applicationBase) {
        base = applicationBase;
    }

    @Override
    public void filter(ClientRequestContext request) {
        URI uri = request.getUri();
        URI b = base;
        if (b == null || !PLACEHOLDER_HOST.equals(uri.getHost())) {
            return;
        }
        String path = uri.getRawPath().startsWith("/") ? uri.getRawPath().substring(1) : uri.getRawPath();
        request.setUri(b.resolve(path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }
}
