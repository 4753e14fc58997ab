package dev.steadfast.tck.restclient;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import jakarta.ws.rs.Path;

/** A client whose only method comes from {@link BaseQuotes}. */
@RegisterRestClient(configKey = "quotes")
@Path("/quotes")
public interface InheritingClient extends BaseQuotes {
}
