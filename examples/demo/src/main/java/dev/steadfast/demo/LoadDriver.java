package dev.steadfast.demo;

import dev.steadfast.BulkheadFullException;
import dev.steadfast.CircuitOpenException;
import dev.steadfast.RateLimitExceededException;
import dev.steadfast.demo.Timeline.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Plays the scenario: walks the server through its phases while client threads call {@link QuoteClient#fetch} in a
 * loop, pausing 100-300 ms between calls, and records every request's outcome and latency in the
 * {@link Timeline}. Every request sent is recorded as ended exactly once, whatever happens in it.
 */
final class LoadDriver {

    private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "STARK"};
    private static final long MIN_PAUSE_MILLIS = 100;
    private static final long MAX_PAUSE_MILLIS = 300;
    /** Longer than any call can take (retry budget, last attempt's timeout, fallback), so no client is left behind. */
    private static final long CLIENT_STOP_MILLIS = 10_000;

    private final Scenario scenario;
    private final FlakyServer server;
    private final Quotes quotes;
    private final Timeline timeline;
    private final int clients;
    private final boolean drivesServer;
    private volatile boolean running;

    LoadDriver(Scenario scenario, FlakyServer server, Quotes quotes, Timeline timeline, int clients) {
        this(scenario, server, quotes, timeline, clients, true);
    }

    /**
     * @param drivesServer whether this driver walks the server through the phases; in a fleet one driver does, and
     *                     the others only follow the same schedule to mark the phases in their timelines
     */
    LoadDriver(Scenario scenario, FlakyServer server, Quotes quotes, Timeline timeline, int clients,
            boolean drivesServer) {
        this.drivesServer = drivesServer;
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.server = Objects.requireNonNull(server, "server");
        this.quotes = Objects.requireNonNull(quotes, "quotes");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be at least 1: " + clients);
        }
        this.clients = clients;
    }

    /**
     * Fetches each symbol once, unrecorded, so that the first second of the run shows the service and not the JVM
     * loading the HTTP client's classes.
     */
    void warmUp() {
        for (String symbol : SYMBOLS) {
            call(symbol);
        }
    }

    /** Runs the whole scenario and returns when every client has stopped (or been given up on). */
    void run() throws InterruptedException {
        running = true;
        timeline.start(scenario.durationMillis());
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            Thread client = new Thread(this::callInALoop, "client-" + i);
            client.setDaemon(true);
            client.start();
            threads.add(client);
        }
        try {
            for (Scenario.Step step : scenario.steps()) {
                if (drivesServer) {
                    server.enter(step.phase());
                }
                timeline.phaseStarted(step.phase());
                TimeUnit.MILLISECONDS.sleep(Math.max(0, step.endMillis() - timeline.elapsedMillis()));
            }
        } finally {
            running = false;
            timeline.finish();
            for (Thread client : threads) {
                client.join(CLIENT_STOP_MILLIS);
            }
        }
    }

    private void callInALoop() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (pause(random) && running) {
            String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
            timeline.requestSent();
            long start = System.nanoTime();
            Outcome outcome = call(symbol);
            timeline.requestEnded(outcome, System.nanoTime() - start);
        }
    }

    /** A random pause before each call, so the clients do not move in lockstep; false when interrupted. */
    private static boolean pause(ThreadLocalRandom random) {
        try {
            TimeUnit.MILLISECONDS.sleep(random.nextLong(MIN_PAUSE_MILLIS, MAX_PAUSE_MILLIS));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private Outcome call(String symbol) {
        try {
            return quotes.fetch(symbol).cached() ? Outcome.FELL_BACK : Outcome.SUCCEEDED;
        } catch (CircuitOpenException | BulkheadFullException | RateLimitExceededException e) {
            return Outcome.REJECTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.FAILED;
        } catch (Exception e) {
            return Outcome.FAILED;
        }
    }
}
