package io.bookstore.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one phase (a scenario at one offered rate, or at saturation) saw: each answer's latency and outcome, and
 * when the phase's first request left and its last answer came back, from which its achieved rate follows.
 */
public final class PhaseRecord {

    private final String scenario;
    private final String load;
    private final double offeredPerSecond;
    private final long plannedSeconds;
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final List<Integer> latencies = new ArrayList<>();
    private long succeeded;
    private long firstSentMillis = Long.MAX_VALUE;
    private long lastAnsweredMillis = Long.MIN_VALUE;

    PhaseRecord(String scenario, String load, double offeredPerSecond, long plannedSeconds) {
        this.scenario = scenario;
        this.load = load;
        this.offeredPerSecond = offeredPerSecond;
        this.plannedSeconds = plannedSeconds;
    }

    public String scenario() {
        return scenario;
    }

    public String load() {
        return load;
    }

    public synchronized void answered(long sentMillis, long answeredMillis, int latencyMillis, String outcome,
                                      boolean success) {
        firstSentMillis = Math.min(firstSentMillis, sentMillis);
        lastAnsweredMillis = Math.max(lastAnsweredMillis, answeredMillis);
        latencies.add(latencyMillis);
        outcomes.merge(outcome, 1L, Long::sum);
        if (success) {
            succeeded++;
        }
    }

    public synchronized long firstSentMillis() {
        return firstSentMillis;
    }

    public synchronized long lastAnsweredMillis() {
        return lastAnsweredMillis;
    }

    public synchronized long succeeded() {
        return succeeded;
    }

    public synchronized Map<String, Object> summary() {
        int[] sorted = latencies.stream().mapToInt(Integer::intValue).sorted().toArray();
        double seconds = sorted.length == 0 ? 0 : Math.max(1, lastAnsweredMillis - firstSentMillis) / 1000.0;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", scenario);
        summary.put("load", load);
        summary.put("offeredPerSecond", offeredPerSecond);
        summary.put("plannedSeconds", plannedSeconds);
        summary.put("requests", (long) sorted.length);
        summary.put("succeeded", succeeded);
        summary.put("failed", sorted.length - succeeded);
        summary.put("wallSeconds", round(seconds));
        summary.put("achievedPerSecond", seconds == 0 ? 0 : round(sorted.length / seconds));
        summary.put("succeededPerSecond", seconds == 0 ? 0 : round(succeeded / seconds));
        summary.put("p50Ms", percentile(sorted, 50));
        summary.put("p95Ms", percentile(sorted, 95));
        summary.put("p99Ms", percentile(sorted, 99));
        summary.put("maxMs", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        summary.put("meanMs", sorted.length == 0 ? 0 : round(Arrays.stream(sorted).average().orElse(0)));
        summary.put("outcomes", new LinkedHashMap<>(outcomes));
        return summary;
    }

    static int percentile(int[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
