package dev.steadfast.engine.async;

/** A {@link ThreadContext} that also sets the thread's context class loader for the body's duration. */
final class ContextClassLoader implements ThreadContext {

    private final ClassLoader loader;
    private final ThreadContext inner;

    ContextClassLoader(ClassLoader loader, ThreadContext inner) {
        this.loader = loader;
        this.inner = inner;
    }

    @Override
    public Object activate() {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return new Token(previous, inner.activate());
        } catch (RuntimeException | Error e) {
            t.setContextClassLoader(previous);
            throw e;
        }
    }

    @Override
    public void deactivate(Object token) {
        Token saved = (Token) token;
        try {
            inner.deactivate(saved.inner);
        } finally {
            Thread.currentThread().setContextClassLoader(saved.previous);
        }
    }

    /** What {@link #deactivate} restores. */
    private static final class Token {

        final ClassLoader previous;
        final Object inner;

        Token(ClassLoader previous, Object inner) {
            this.previous = previous;
            this.inner = inner;
        }
    }
}
