package dev.steadfast.console;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

import java.net.URI;

/**
 * Serves the console under the path set with {@code steadfast.console.path}: before resources are matched, a request
 * below that path is sent to the console's resource (at {@code steadfast}), and a request below {@code steadfast} is
 * answered 404, so the console is found at exactly one place. With the default path it does nothing.
 *
 * <p>A dependent bean, registered by {@link ConsoleExtension} (see {@link ConsoleResource} on its scope).
 */
@Provider
@PreMatching
public class ConsolePathFilter implements ContainerRequestFilter {

    /** The configured path; {@code null} (do nothing) in an instance made without CDI. */
    private final String path;

    /** Not for use: see {@link ConsoleResource#ConsoleResource()}. An instance made with it does nothing. */
    public ConsolePathFilter() {
        this.path = null;
    }

    @Inject
    ConsolePathFilter(Console console) {
        this.path = console.config().path();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (path == null || path.equals(ConsoleConfig.DEFAULT_PATH)) {
            return;
        }
        UriInfo uri = request.getUriInfo();
        String requested = strip(uri.getPath(false));
        String rest = below(requested, path);
        if (rest != null) {
            URI base = uri.getBaseUri();
            URI requestUri = uri.getRequestUri();
            String basePath = base.getRawPath().endsWith("/") ? base.getRawPath() : base.getRawPath() + "/";
            // Raw (still encoded) parts throughout, so nothing is decoded twice.
            URI target = URI.create(requestUri.getScheme() + "://" + requestUri.getRawAuthority() + basePath
                    + ConsoleConfig.DEFAULT_PATH + rest
                    + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery()));
            request.setRequestUri(base, target);
        } else if (below(requested, ConsoleConfig.DEFAULT_PATH) != null) {
            request.abortWith(Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Not found").build());
        }
    }

    /** What follows {@code prefix} in {@code path} (from its slash), or {@code null} when {@code path} is not below it. */
    private static String below(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        return rest.isEmpty() || rest.startsWith("/") ? rest : null;
    }

    /** The path relative to the base, without a leading slash (runtimes differ on that). */
    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
