package dev.steadfast.tck.async;

import dev.steadfast.tck.support.TestContainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code @Asynchronous} needs a method returning CompletionStage or CompletableFuture (docs/validation.md). */
class AsynchronousValidationTest {

    @Test
    void asynchronousOnAMethodNotReturningAStageFailsTheDeployment() {
        assertEquals(List.of("@Asynchronous on " + NotAStage.class.getName() + "#call(): returns String;"
                        + " an asynchronous method must return CompletionStage or CompletableFuture"),
                TestContainer.deploymentErrors(NotAStage.class));
    }
}
