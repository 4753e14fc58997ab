package dev.steadfast.tck.fallback;

import dev.steadfast.FallbackContext;
import dev.steadfast.FallbackHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** A handler that is a CDI bean; its greeting is set on the bean at run time, and it keeps what it saw. */
@ApplicationScoped
public class GreetingHandler implements FallbackHandler<String> {

    private volatile String greeting = "hello";
    private volatile FallbackContext lastContext;
    private volatile Object[] lastArguments;

    public void greeting(String greeting) {
        this.greeting = greeting;
    }

    public FallbackContext lastContext() {
        return lastContext;
    }

    public Object[] lastArguments() {
        return lastArguments;
    }

    @Override
    public String handle(FallbackContext context) {
        lastContext = context;
        lastArguments = context.arguments().clone();
        return greeting + ", " + context.arguments()[0];
    }
}
