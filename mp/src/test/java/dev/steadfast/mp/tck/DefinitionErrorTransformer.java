package dev.steadfast.mp.tck;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;

/**
 * Weld reports definition errors wrapped in its own exceptions (the original as cause or suppressed); the TCK expects
 * the {@link FaultToleranceDefinitionException} itself.
 */
public class DefinitionErrorTransformer implements DeploymentExceptionTransformer {

    @Override
    public Throwable transform(Throwable exception) {
        return find(exception, 0);
    }

    private static Throwable find(Throwable t, int depth) {
        if (t == null || depth > 10) {
            return null;
        }
        if (t instanceof FaultToleranceDefinitionException) {
            return t;
        }
        for (Throwable s : t.getSuppressed()) {
            Throwable found = find(s, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return find(t.getCause(), depth + 1);
    }
}
