package dev.steadfast.health;

import dev.steadfast.ComponentCheck;
import dev.steadfast.HealthStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;

/** A critical component in the tests: its answer is set by the test, or it throws. */
@ApplicationScoped
public class Database implements ComponentCheck {

    private volatile HealthStatus answer = HealthStatus.HEALTHY;
    private volatile boolean unreachable;

    /** What the next checks answer. */
    public void answer(HealthStatus status) {
        this.answer = status;
    }

    /** Whether the next checks throw. */
    public void unreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

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
