package dev.steadfast.demo;

import java.io.IOException;

/** What the load driver calls: {@link QuoteClient} on a single instance, {@link FleetQuoteClient} on a fleet's node. */
interface Quotes {

    /** The current price of {@code symbol}, fresh or (from the fallback) cached. */
    Quote fetch(String symbol) throws IOException, InterruptedException;
}
