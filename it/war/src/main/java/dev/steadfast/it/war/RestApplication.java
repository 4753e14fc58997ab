package dev.steadfast.it.war;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the application's JAX-RS resources (found in WEB-INF/lib too) under {@code /api}. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
