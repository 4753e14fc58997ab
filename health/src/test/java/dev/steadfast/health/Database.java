package dev.steadfast.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;

/** A critical component in the tests: its answer is set by the test, or it throws. */
@ApplicationScoped
public class Database implements ComponentCheck {

    volatile HealthStatus answer = HealthStatus.HEALTHY;
    volatile boolean unreachable;

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthStatus check() throws SQLException {
        if (unreachable) {
            throw new SQLException("jdbc:postgresql://db:5432/shop user=app password=secret unreachable");
        }
        return answer;
    }
}
