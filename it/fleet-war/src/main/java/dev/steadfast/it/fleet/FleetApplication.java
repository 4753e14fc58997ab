package dev.steadfast.it.fleet;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Serves the fleet resource under {@code /api}. */
@ApplicationPath("api")
public class FleetApplication extends Application {
}
