package dev.steadfast.testsupport;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

@ApplicationScoped
public class Greeter {

    public String greet() {
        return ConfigProvider.getConfig().getOptionalValue("test.greeting", String.class).orElse("hello");
    }
}
