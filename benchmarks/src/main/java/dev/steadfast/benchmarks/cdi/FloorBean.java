package dev.steadfast.benchmarks.cdi;

import dev.steadfast.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;

/** An application-scoped bean with one empty interceptor: the floor of any interceptor-based library. */
@ApplicationScoped
public class FloorBean {

    @Noop
    public String work() {
        return Work.RESULT;
    }
}
