package io.bookstore.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Set;

/**
 * Records no trace whose first span has one of the names in tracing.untraced-roots (used as the root sampler of a
 * parent-based one): housekeeping that belongs to no order, such as the outbox relay's ticks, would otherwise be a
 * trace of its own every few milliseconds. Camel names a timer route's span "timer". Camel's exclude-patterns can
 * leave out single routes, but match every endpoint of every exchange against them as patterns: an eighth of the
 * orchestrator's CPU under load (make bench).
 */
final class HousekeepingSampler implements Sampler {

    private final Set<String> untracedRoots;

    HousekeepingSampler(Set<String> untracedRoots) {
        this.untracedRoots = untracedRoots;
    }

    @Override
    public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                                       Attributes attributes, List<LinkData> parentLinks) {
        return untracedRoots.contains(name) ? SamplingResult.drop() : SamplingResult.recordAndSample();
    }

    @Override
    public String getDescription() {
        return "HousekeepingSampler" + untracedRoots;
    }
}
