package dev.steadfast.mp.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Wires the TCK's Arquillian deployments to Weld with steadfast-mp. */
public class TckArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, BeanArchiveProcessor.class);
        builder.service(DeploymentExceptionTransformer.class, DefinitionErrorTransformer.class);
        builder.observer(DropMetricRegistries.class);
    }
}
