package dev.steadfast.tck.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;

/** A check that throws, with a message that must never reach the report. */
@ApplicationScoped
public class DiskCheck implements ComponentCheck {

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public HealthStatus check() throws IOException {
        throw new IOException("/dev/sda1 unreadable, mounted by user admin:hunter2");
    }
}
