package dev.steadfast.benchmarks.cdi;

import dev.steadfast.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;

/** An application-scoped bean with no interceptor: the cost of the client proxy alone. */
@ApplicationScoped
public class PlainBean {

    public String work() {
        return Work.RESULT;
    }
}
