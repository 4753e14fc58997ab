package dev.steadfast.tck.overload;

import dev.steadfast.BreakerKeyFunction;

import java.net.URI;

/** The key of a call: the host of its URL argument. */
public class HostOf implements BreakerKeyFunction {

    @Override
    public Object keyOf(Object[] arguments) {
        return URI.create((String) arguments[0]).getHost();
    }
}
