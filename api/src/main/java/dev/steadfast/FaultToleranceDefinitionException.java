package dev.steadfast;

/**
 * A broken policy definition, found when the container starts (never first at call time). The message names the
 * annotation and member, the class and method, the bad value (and the config key when the value came from config) and
 * the rule, e.g. {@code @Retry.jitter on com.acme.Quotes#fetch(): 1.5 is not within [0, 1]}. The container reports it
 * as its definition or deployment error.
 */
public class FaultToleranceDefinitionException extends FaultToleranceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the annotation, member, method, value and rule
     */
    public FaultToleranceDefinitionException(String message) {
        super(message);
    }
}
