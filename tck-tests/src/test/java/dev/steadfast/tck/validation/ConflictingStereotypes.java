package dev.steadfast.tck.validation;

import jakarta.enterprise.context.Dependent;

/** Two stereotypes, two different {@code @Retry}s, and nothing on the class to choose. */
@Dependent
@QuickRetries
@PatientRetries
public class ConflictingStereotypes {

    public String fetch() {
        return "x";
    }
}
