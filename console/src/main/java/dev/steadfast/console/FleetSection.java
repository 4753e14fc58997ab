package dev.steadfast.console;

import dev.steadfast.CircuitBreakerHandle;
import dev.steadfast.FleetBreakerView;
import dev.steadfast.FleetQuotaView;
import dev.steadfast.RateLimiterHandle;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The snapshot's {@code fleet} part: every fleet-wide ({@code CLUSTER}) breaker and rate limit of this application, as
 * its cluster exchange last heard the fleet ({@link CircuitBreakerHandle#fleet()}, {@link RateLimiterHandle#fleet()}).
 * Reading copies the views the exchange keeps; it never calls the cluster backend. An application without
 * {@code CLUSTER} policies has no fleet part.
 */
final class FleetSection {

    /** No fleet at all: the console of an application without a cluster backend. */
    static final FleetSection NONE = new FleetSection(List::of, List::of);

    private final Supplier<? extends Collection<CircuitBreakerHandle>> breakers;
    private final Supplier<? extends Collection<RateLimiterHandle>> limiters;

    FleetSection(Supplier<? extends Collection<CircuitBreakerHandle>> breakers,
            Supplier<? extends Collection<RateLimiterHandle>> limiters) {
        this.breakers = breakers;
        this.limiters = limiters;
    }

    private record NamedBreaker(String name, FleetBreakerView view) {
    }

    private record NamedQuota(RateLimiterHandle handle, FleetQuotaView view) {
    }

    /** Writes {@code "fleet": {...}} when there is a fleet-wide policy; else nothing. */
    void write(Json json) {
        List<NamedBreaker> bs = breakers.get().stream()
                .map(h -> h.fleet().map(v -> new NamedBreaker(h.name(), v)))
                .flatMap(Optional::stream).sorted(Comparator.comparing(NamedBreaker::name)).toList();
        List<NamedQuota> qs = limiters.get().stream()
                .map(h -> h.fleet().map(v -> new NamedQuota(h, v)))
                .flatMap(Optional::stream).sorted(Comparator.comparing(q -> q.handle().name())).toList();
        if (bs.isEmpty() && qs.isEmpty()) {
            return;
        }
        String member = !bs.isEmpty() ? bs.get(0).view().member() : qs.get(0).view().member();
        json.name("fleet").beginObject();
        json.name("member").value(member);
        json.name("breakers").beginArray();
        for (NamedBreaker b : bs) {
            FleetBreakerView v = b.view();
            json.beginObject();
            json.name("name").value(b.name());
            json.name("status").value(v.status().name());
            json.name("decision");
            if (v.decision() == null) {
                json.nullValue();
                json.name("origin").nullValue();
                json.name("decidedAt").nullValue();
            } else {
                json.value(v.decision().name());
                json.name("origin").value(v.origin());
                json.name("decidedAt").value(v.decidedAt().toEpochMilli());
            }
            json.name("members").beginArray();
            for (FleetBreakerView.MemberWindow w : v.windows()) {
                json.beginObject();
                json.name("member").value(w.member());
                json.name("self").value(w.member().equals(v.member()));
                json.name("calls").value(w.calls());
                json.name("failures").value(w.failures());
                json.name("state").value(w.state().name());
                json.name("at").value(w.at().toEpochMilli());
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.name("rateLimits").beginArray();
        for (NamedQuota q : qs) {
            FleetQuotaView v = q.view();
            json.beginObject();
            json.name("name").value(q.handle().name());
            json.name("type").value(q.handle().type().name());
            json.name("windowMillis").value(q.handle().window().toMillis());
            json.name("status").value(v.status().name());
            json.name("limit").value(v.limit());
            json.name("members").value(v.members());
            json.name("leased").value(v.leased());
            json.name("used").value(v.used());
            json.name("fleetLeft").value(v.fleetLeft());
            json.name("othersLeased").value(v.othersLeased());
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
}
