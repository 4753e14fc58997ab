package dev.steadfast.console.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

/**
 * The container security of the embedded server: the caller named by the {@value #COOKIE} cookie (which the browser
 * tests set) or the {@value #HEADER} header, with that user's roles. {@code operator} has the console's default
 * control role; {@code viewer} has none; no cookie or header is an anonymous caller.
 */
@PreMatching
public final class TestSecurity implements ContainerRequestFilter {

    public static final String COOKIE = "test-user";
    public static final String HEADER = "X-Test-User";
    private static final Map<String, Set<String>> ROLES = Map.of(
            "operator", Set.of("steadfast-operator"),
            "viewer", Set.of());

    @Override
    public void filter(ContainerRequestContext request) {
        String user = request.getHeaderString(HEADER);
        Cookie cookie = request.getCookies().get(COOKIE);
        if (user == null && cookie != null) {
            user = cookie.getValue();
        }
        if (user == null || !ROLES.containsKey(user)) {
            return;
        }
        String name = user;
        Set<String> roles = ROLES.get(user);
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return roles.contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "TEST";
            }
        });
    }
}
