package dev.steadfast.engine;

/** The innermost strategy: runs the body. */
final class Invoke<V> implements Strategy<V> {

    @SuppressWarnings("rawtypes")
    private static final Invoke INSTANCE = new Invoke();

    @SuppressWarnings("unchecked")
    static <V> Strategy<V> instance() {
        return INSTANCE;
    }

    @Override
    public V call(Invocation<V> invocation) throws Exception {
        return invocation.proceed();
    }
}
