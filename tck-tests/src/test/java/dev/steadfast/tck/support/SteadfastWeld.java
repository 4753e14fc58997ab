package dev.steadfast.tck.support;

import dev.steadfast.impl.cdi.SteadfastExtension;
import jakarta.enterprise.context.RequestScoped;
import org.jboss.weld.junit5.WeldInitiator;

/**
 * The container of a weld-junit5 test ({@code @WeldSetup}): discovery off, Steadfast's extension and exactly the given
 * bean classes, so a test states only its beans. For config set per test, see {@link TestContainer}.
 */
public final class SteadfastWeld {

    private SteadfastWeld() {
    }

    public static WeldInitiator of(Class<?>... beans) {
        return builder(beans).build();
    }

    /** The same, with the request context active around each test method. */
    public static WeldInitiator withRequestScope(Class<?>... beans) {
        return builder(beans).activate(RequestScoped.class).build();
    }

    private static WeldInitiator.Builder builder(Class<?>... beans) {
        return WeldInitiator.from(WeldInitiator.createWeld().addExtension(new SteadfastExtension())
                .addBeanClasses(beans));
    }
}
