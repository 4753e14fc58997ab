package dev.steadfast.mp.tck;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;

/** Makes every TCK deployment a bean archive, so that Weld discovers the test classes' beans. */
public class BeanArchiveProcessor implements ApplicationArchiveProcessor {

    @Override
    public void process(Archive<?> archive, TestClass testClass) {
        if (!archive.contains("META-INF/beans.xml") && !archive.contains("WEB-INF/beans.xml")) {
            archive.add(EmptyAsset.INSTANCE, "META-INF/beans.xml");
        }
    }
}
