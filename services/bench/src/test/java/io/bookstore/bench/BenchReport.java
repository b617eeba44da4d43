package io.bookstore.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The run's summary, written beside Gatling's HTML report: per phase the offered and achieved rate, latency
 * percentiles, outcomes, the stack's CPU seconds and each process's CPU per request (PostgreSQL's by database),
 * and the stack's work per request in counts (Kafka requests, database transactions);
 * per process its CPU seconds and RSS over the run; the consistency verdict
 * (make verify-consistency, run after the last phase); and the sustained first-time checkout rate, the highest
 * offered rate whose phase kept p99 under 500 ms, answered nearly every order (95%) and paid every one.
 */
public final class BenchReport {

    static final int P99_LIMIT_MS = 500;

    private final BenchSettings settings;
    private final List<PhaseRecord> phases;
    private final List<ProcessSampler.Sample> samples;

    public BenchReport(BenchSettings settings, List<PhaseRecord> phases, List<ProcessSampler.Sample> samples) {
        this.settings = settings;
        this.phases = phases;
        this.samples = samples;
    }

    public void write() {
        Map<String, Object> consistency = verifyConsistency();
        List<Map<String, Object>> phaseSummaries = new ArrayList<>();
        for (PhaseRecord phase : phases) {
            Map<String, Object> summary = phase.summary();
            if ((long) summary.get("requests") > 0) {
                summary.put("stackCpuSeconds", round(stackCpu(phase.firstSentMillis(), phase.lastAnsweredMillis())));
                summary.put("loadGeneratorCpuSeconds", round(cpuBetween(ProcessSampler.LOAD_GENERATOR,
                        phase.firstSentMillis(), phase.lastAnsweredMillis())));
                summary.put("machineLoadAverage", round(loadAverage(phase.firstSentMillis(), phase.lastAnsweredMillis())));
                summary.put("cpuMsPerRequest", cpuPerRequest(phase, (long) summary.get("requests")));
                summary.put("countsPerRequest", countsPerRequest(phase, (long) summary.get("requests")));
            }
            phaseSummaries.add(summary);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("finishedAt", Instant.now().toString());
        report.put("baseUrl", settings.baseUrl());
        report.put("rates", settings.rates());
        report.put("phaseSeconds", settings.phaseDuration().toSeconds());
        report.put("saturationClients", settings.saturationUsers());
        report.put("saturationSeconds", settings.saturationDuration().toSeconds());
        report.put("sustainedFirstTimeCheckoutsPerSecond", sustained(phaseSummaries));
        report.put("phases", phaseSummaries);
        report.put("processes", processes());
        report.put("consistency", consistency);
        try {
            Files.createDirectories(settings.reportDirectory());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(settings.reportDirectory().resolve("summary.json").toFile(), report);
            String markdown = markdown(report, phaseSummaries);
            Files.writeString(settings.reportDirectory().resolve("summary.md"), markdown, StandardCharsets.UTF_8);
            System.out.println();
            System.out.println(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The highest offered first-time rate that held: p99 < 500 ms, >= 95% of the offered rate, every order paid. */
    private static Object sustained(List<Map<String, Object>> phases) {
        double best = 0;
        for (Map<String, Object> phase : phases) {
            if (!CheckoutBenchSimulation.WDM_FIRST.equals(phase.get("scenario"))) {
                continue;
            }
            double offered = (double) phase.get("offeredPerSecond");
            long requests = (long) phase.get("requests");
            if (offered == 0 || requests == 0) {
                continue;
            }
            boolean held = (int) phase.get("p99Ms") < P99_LIMIT_MS
                    && (long) phase.get("succeeded") == requests
                    && (double) phase.get("succeededPerSecond") >= 0.95 * offered;
            if (held) {
                best = Math.max(best, offered);
            }
        }
        return best;
    }

    private Map<String, Object> verifyConsistency() {
        Map<String, Object> verdict = new LinkedHashMap<>();
        try {
            Process process = new ProcessBuilder("make", "-s", "verify-consistency")
                    .directory(settings.repositoryRoot().toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                verdict.put("consistent", false);
                verdict.put("output", "make verify-consistency did not finish within 5 minutes");
                return verdict;
            }
            verdict.put("consistent", process.exitValue() == 0);
            verdict.put("exitCode", process.exitValue());
            verdict.put("output", output.strip());
        } catch (IOException e) {
            verdict.put("consistent", false);
            verdict.put("output", "cannot run make verify-consistency: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict.put("consistent", false);
            verdict.put("output", "interrupted");
        }
        return verdict;
    }

    private List<Map<String, Object>> processes() {
        List<Map<String, Object>> processes = new ArrayList<>();
        if (samples.isEmpty()) {
            return processes;
        }
        long from = samples.get(0).atMillis();
        long to = samples.get(samples.size() - 1).atMillis();
        for (String name : names()) {
            long maxRss = samples.stream().map(sample -> sample.usage().get(name))
                    .filter(java.util.Objects::nonNull).mapToLong(ProcessSampler.Usage::rssKb).max().orElse(0);
            Map<String, Object> process = new LinkedHashMap<>();
            process.put("process", name);
            process.put("cpuSeconds", round(cpuBetween(name, from, to)));
            process.put("maxRssMb", maxRss / 1024);
            processes.add(process);
        }
        return processes;
    }

    private Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.addAll(sample.usage().keySet()));
        return names;
    }

    /** Each process's CPU milliseconds per request of the phase. */
    private Map<String, Double> cpuPerRequest(PhaseRecord phase, long requests) {
        Map<String, Double> perRequest = new LinkedHashMap<>();
        for (String name : names()) {
            double seconds = cpuBetween(name, phase.firstSentMillis(), phase.lastAnsweredMillis());
            perRequest.put(name, Math.round(seconds * 1000 * 100 / requests) / 100.0);
        }
        return perRequest;
    }

    /**
     * Each counter's increase during the phase per request (StackCounters), and Kafka's requests of every kind
     * together.
     */
    private Map<String, Double> countsPerRequest(PhaseRecord phase, long requests) {
        Map<String, Long> start = null;
        Map<String, Long> end = null;
        for (ProcessSampler.Sample sample : samples) {
            if (sample.atMillis() <= phase.firstSentMillis() || start == null) {
                start = sample.counters();
            }
            if (end == null && sample.atMillis() >= phase.lastAnsweredMillis()) {
                end = sample.counters();
            }
        }
        if (end == null && !samples.isEmpty()) {
            end = samples.get(samples.size() - 1).counters();
        }
        Map<String, Double> perRequest = new LinkedHashMap<>();
        if (start == null || end == null) {
            return perRequest;
        }
        long kafkaRequests = 0;
        Map<String, Long> increases = new TreeMap<>();
        for (Map.Entry<String, Long> counter : end.entrySet()) {
            Long before = start.get(counter.getKey());
            if (before == null && readFrom(start, counter.getKey())) {
                // the broker registers a meter when it first counts: none yet at the start is none counted
                before = 0L;
            }
            if (before != null) {
                long increase = Math.max(0, counter.getValue() - before);
                increases.put(counter.getKey(), increase);
                if (counter.getKey().startsWith(StackCounters.KAFKA_REQUESTS)) {
                    kafkaRequests += increase;
                }
            }
        }
        if (increases.keySet().stream().anyMatch(name -> name.startsWith(StackCounters.KAFKA_REQUESTS))) {
            perRequest.put(StackCounters.KAFKA_REQUESTS + "all", perRequest(kafkaRequests, requests));
        }
        increases.forEach((name, increase) -> perRequest.put(name, perRequest(increase, requests)));
        return perRequest;
    }

    /** Whether the counters hold any of the counter's source (Kafka's or PostgreSQL's), which was read then. */
    private static boolean readFrom(Map<String, Long> counters, String counter) {
        String source = counter.substring(0, counter.indexOf(' ') + 1);
        return counters.keySet().stream().anyMatch(name -> name.startsWith(source));
    }

    private static double perRequest(long count, long requests) {
        return Math.round(count * 100.0 / requests) / 100.0;
    }

    private double stackCpu(long from, long to) {
        return names().stream().filter(name -> !name.equals(ProcessSampler.LOAD_GENERATOR))
                .mapToDouble(name -> cpuBetween(name, from, to)).sum();
    }

    /** The mean 1-minute load average of the samples taken during the phase. */
    private double loadAverage(long from, long to) {
        return samples.stream().filter(sample -> sample.atMillis() >= from && sample.atMillis() <= to)
                .mapToDouble(ProcessSampler.Sample::loadAverage).average().orElse(-1);
    }

    /** CPU seconds between the last sample at or before from and the first at or after to. */
    private double cpuBetween(String name, long from, long to) {
        ProcessSampler.Usage start = null;
        ProcessSampler.Usage end = null;
        for (ProcessSampler.Sample sample : samples) {
            ProcessSampler.Usage usage = sample.usage().get(name);
            if (usage == null) {
                continue;
            }
            if (sample.atMillis() <= from || start == null) {
                start = usage;
            }
            if (end == null && sample.atMillis() >= to) {
                end = usage;
            }
        }
        if (end == null && !samples.isEmpty()) {
            end = samples.get(samples.size() - 1).usage().get(name);
        }
        return start == null || end == null ? 0 : Math.max(0, end.cpuSeconds() - start.cpuSeconds());
    }

    @SuppressWarnings("unchecked")
    private String markdown(Map<String, Object> report, List<Map<String, Object>> phaseSummaries) {
        StringBuilder md = new StringBuilder();
        md.append("# make bench, ").append(report.get("finishedAt")).append("\n\n");
        md.append("Open-model phases of ").append(report.get("phaseSeconds")).append(" s at ")
                .append(report.get("rates")).append("/s; saturation: ").append(report.get("saturationClients"))
                .append(" clients for ").append(report.get("saturationSeconds")).append(" s. Against ")
                .append(report.get("baseUrl")).append(".\n\n");
        md.append("**Sustained first-time checkouts (p99 < ").append(P99_LIMIT_MS).append(" ms, all paid): ")
                .append(report.get("sustainedFirstTimeCheckoutsPerSecond")).append("/s**\n\n");
        md.append("| scenario | load | requests | ok | offered/s | achieved/s | ok/s | p50 ms | p95 ms | p99 ms | max ms"
                + " | stack CPU s | CPU ms/req | load avg |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> phase : phaseSummaries) {
            long requests = (long) phase.get("requests");
            double cpu = (double) phase.getOrDefault("stackCpuSeconds", 0.0);
            md.append("| ").append(phase.get("scenario")).append(" | ").append(phase.get("load"))
                    .append(" | ").append(requests).append(" | ").append(phase.get("succeeded"))
                    .append(" | ").append(phase.get("offeredPerSecond").equals(0.0) ? "closed" : phase.get("offeredPerSecond"))
                    .append(" | ").append(phase.get("achievedPerSecond")).append(" | ").append(phase.get("succeededPerSecond"))
                    .append(" | ").append(phase.get("p50Ms")).append(" | ").append(phase.get("p95Ms"))
                    .append(" | ").append(phase.get("p99Ms")).append(" | ").append(phase.get("maxMs"))
                    .append(" | ").append(cpu).append(" | ")
                    .append(requests == 0 ? "-" : Math.round(cpu * 1000 / requests))
                    .append(" | ").append(phase.getOrDefault("machineLoadAverage", "-")).append(" |\n");
        }
        md.append("\n## Outcomes\n\n| scenario | load | outcome | count |\n|---|---|---|---:|\n");
        for (Map<String, Object> phase : phaseSummaries) {
            ((Map<String, Long>) phase.get("outcomes")).forEach((outcome, count) -> md.append("| ")
                    .append(phase.get("scenario")).append(" | ").append(phase.get("load")).append(" | ")
                    .append(outcome.replace("|", "/")).append(" | ").append(count).append(" |\n"));
        }
        md.append(cpuByProcess(phaseSummaries));
        md.append(countsByKind(phaseSummaries));
        md.append("\n## Processes (whole run)\n\nMemory: RSS, read every 30 s; PostgreSQL's is the sum of its"
                + " processes' proportional shares (Pss), all of it on the server's line.\n\n"
                + "| process | CPU s | max RSS MB |\n|---|---:|---:|\n");
        for (Map<String, Object> process : (List<Map<String, Object>>) report.get("processes")) {
            String name = (String) process.get("process");
            md.append("| ").append(name).append(" | ").append(process.get("cpuSeconds")).append(" | ")
                    .append(name.startsWith(ProcessSampler.POSTGRES_DATABASE) ? "-" : process.get("maxRssMb"))
                    .append(" |\n");
        }
        Map<String, Object> consistency = (Map<String, Object>) report.get("consistency");
        md.append("\n## Consistency: ").append(Boolean.TRUE.equals(consistency.get("consistent")) ? "PASS" : "FAIL")
                .append("\n\n```\n").append(consistency.get("output")).append("\n```\n");
        return md.toString();
    }

    /**
     * Where a request's CPU went, phase by phase: a row per process that took at least 0.05 ms per request in some
     * phase, busiest first (in the first phase).
     */
    @SuppressWarnings("unchecked")
    private static String cpuByProcess(List<Map<String, Object>> phaseSummaries) {
        List<Map<String, Object>> measured = phaseSummaries.stream()
                .filter(phase -> phase.containsKey("cpuMsPerRequest")).toList();
        if (measured.isEmpty()) {
            return "";
        }
        List<Map<String, Double>> columns = measured.stream()
                .map(phase -> (Map<String, Double>) phase.get("cpuMsPerRequest")).toList();
        List<String> rows = columns.get(0).keySet().stream()
                .filter(name -> columns.stream().anyMatch(column -> column.getOrDefault(name, 0.0) >= 0.05))
                .sorted(Comparator.comparing((String name) -> -columns.get(0).getOrDefault(name, 0.0)))
                .toList();
        return table("\n## CPU ms per request, by process\n\n| process |", measured, columns, rows);
    }

    /**
     * What a request cost in counts, phase by phase (StackCounters): a row per counter that reached 0.01 per request
     * in some phase, Kafka's requests (all of them first), its records, then the databases' transactions and rows.
     */
    @SuppressWarnings("unchecked")
    private static String countsByKind(List<Map<String, Object>> phaseSummaries) {
        List<Map<String, Object>> measured = phaseSummaries.stream()
                .filter(phase -> !((Map<String, Double>) phase.getOrDefault("countsPerRequest", Map.of())).isEmpty())
                .toList();
        if (measured.isEmpty()) {
            return "";
        }
        List<Map<String, Double>> columns = measured.stream()
                .map(phase -> (Map<String, Double>) phase.get("countsPerRequest")).toList();
        Set<String> rows = new TreeSet<>(Comparator.comparingInt(BenchReport::countGroup)
                .thenComparing(name -> !name.endsWith(": all")).thenComparing(name -> name));
        columns.forEach(column -> column.keySet().stream()
                .filter(name -> columns.stream().anyMatch(other -> other.getOrDefault(name, 0.0) >= 0.01))
                .forEach(rows::add));
        return table("\n## Counts per request\n\nThe Kafka broker's requests by kind and the records appended to each"
                + " topic; each database's transactions (read-only ones too) and rows inserted, updated or deleted.\n\n"
                + "| count |", measured, columns, rows);
    }

    /** heading: everything up to the first column's header; a column per phase, a row per name. */
    private static String table(String heading, List<Map<String, Object>> phases, List<Map<String, Double>> columns,
                                Collection<String> rows) {
        StringBuilder md = new StringBuilder(heading);
        phases.forEach(phase -> md.append(" ").append(phase.get("scenario")).append(" ").append(phase.get("load"))
                .append(" |"));
        md.append("\n|---|").append("---:|".repeat(phases.size())).append("\n");
        for (String name : rows) {
            md.append("| ").append(name).append(" |");
            columns.forEach(column -> md.append(" ").append(column.getOrDefault(name, 0.0)).append(" |"));
            md.append("\n");
        }
        return md.toString();
    }

    private static int countGroup(String name) {
        List<String> groups = List.of(StackCounters.KAFKA_REQUESTS, StackCounters.KAFKA_RECORDS,
                StackCounters.POSTGRES_TRANSACTIONS, StackCounters.POSTGRES_ROWS);
        for (int i = 0; i < groups.size(); i++) {
            if (name.startsWith(groups.get(i))) {
                return i;
            }
        }
        return groups.size();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
