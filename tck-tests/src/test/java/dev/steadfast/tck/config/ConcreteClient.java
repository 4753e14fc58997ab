package dev.steadfast.tck.config;

import jakarta.enterprise.context.ApplicationScoped;

/** The bean: config keys name this class, not the superclass that declares the annotation and the method. */
@ApplicationScoped
public class ConcreteClient extends BaseClient {
}
