package io.bookstore.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one make bench run does, from the environment the Makefile passes on (BENCH_* variables, each optional).
 * Rates are offered checkouts per second in the open model; saturation is the closed model (a fixed number of
 * clients, each sending its next checkout when the previous one is answered).
 */
public record BenchSettings(
        String baseUrl,
        List<Integer> rates,
        Duration phaseDuration,
        int saturationUsers,
        Duration saturationDuration,
        Duration pauseBetweenPhases,
        Duration warmUp,
        List<String> scenarios,
        int wdmItems,
        int wdmUsers,
        Path reportDirectory,
        Path repositoryRoot) {

    public BenchSettings {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("BENCH_RATES names no rate");
        }
    }

    /** The wdm orders batch_init creates beyond the open phases' need: what the saturation phase may take per second. */
    static final int SATURATION_ORDERS_PER_SECOND = 3_000;

    public static BenchSettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("BENCH_ROOT", "../..")).toAbsolutePath().normalize();
        return new BenchSettings(
                env.getOrDefault("BENCH_URL", "http://127.0.0.1:8081"),
                Arrays.stream(env.getOrDefault("BENCH_RATES", "100,300,1000").split(","))
                        .map(String::trim).filter(rate -> !rate.isEmpty()).map(Integer::parseInt).toList(),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_DURATION", "15"))),
                Integer.parseInt(env.getOrDefault("BENCH_SATURATION_USERS", "64")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_SATURATION_DURATION", "15"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_PAUSE", "5"))),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("BENCH_WARMUP", "60"))),
                Arrays.stream(env.getOrDefault("BENCH_SCENARIOS", "wdm,bookstore").split(","))
                        .map(String::trim).filter(name -> !name.isEmpty()).toList(),
                Integer.parseInt(env.getOrDefault("BENCH_WDM_ITEMS", "10000")),
                Integer.parseInt(env.getOrDefault("BENCH_WDM_USERS", "10000")),
                Path.of(env.getOrDefault("BENCH_REPORT_DIR", root.resolve("bench-reports/latest").toString()))
                        .toAbsolutePath(),
                root);
    }

    public boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** Enough unpaid orders that no first-time checkout of this run finds its order already paid. */
    public long wdmOrders() {
        long open = rates.stream().mapToLong(rate -> (long) rate * phaseDuration.toSeconds()).sum()
                + (long) rates.get(0) * warmUp.toSeconds();
        return open + SATURATION_ORDERS_PER_SECOND * saturationDuration.toSeconds() + 1_000;
    }
}
