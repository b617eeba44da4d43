package io.bookstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples, once a second, the CPU time and resident memory of every process of the local stack (the pids the
 * launcher records under .local/pids; PostgreSQL as its postmaster with all its backends) and of this load
 * generator, from /proc. A phase's CPU seconds are the difference between the samples around it.
 * <p>
 * CPU times are read every second, PostgreSQL's backends looked up (a scan of every process) every
 * {@link #LOOKUP_EVERY} samples, and memory read every {@link #MEMORY_EVERY}: the backends' (smaps_rollup, for which
 * the kernel walks each backend's page tables, the shared buffers included) and every process's resident size. Read
 * every second, the backends' memory kept the sampler at 5.6 % of a core (about 12 s of CPU per make bench run, on the
 * cores the stack runs on); every 10 s, it was still 15 % of the load generator's CPU in a measured phase
 * (async-profiler). The report's memory is the whole run's maximum, which moves slowly.
 */
public final class ProcessSampler implements AutoCloseable {

    /** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;
    public static final String LOAD_GENERATOR = "load-generator (gatling)";
    public static final String POSTGRES = "postgres (server)";

    private static final int LOOKUP_EVERY = 10;
    private static final int MEMORY_EVERY = 30;

    private final Path root;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-process-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private int taken;
    private List<Long> backends = List.of();
    private long postgresPssKb;
    private final Map<Long, Long> lastRssKb = new HashMap<>();

    public record Usage(double cpuSeconds, long rssKb) {
    }

    /** loadAverage: the machine's 1-minute load average, which tells how much else competed for the CPUs. */
    public record Sample(long atMillis, Map<String, Usage> usage, double loadAverage) {
    }

    public ProcessSampler(Path root) {
        this.root = root;
    }

    public void start() {
        timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        sample(true);
    }

    private void sample() {
        sample(false);
    }

    private synchronized void sample(boolean last) {
        boolean lookUp = last || taken % LOOKUP_EVERY == 0;
        boolean memory = last || taken % MEMORY_EVERY == 0;
        taken++;
        Map<String, Usage> usage = new LinkedHashMap<>();
        stackProcesses().forEach((name, pid) -> usage(pid, memory).ifPresent(found ->
                usage.put(name.equals("postgres") ? "postgres (keeper JVM)" : name, found)));
        postmaster().ifPresent(pid -> usage.put(POSTGRES, postgres(pid, lookUp, memory)));
        usage(ProcessHandle.current().pid(), memory).ifPresent(found -> usage.put(LOAD_GENERATOR, found));
        samples.add(new Sample(System.currentTimeMillis(), usage, loadAverage()));
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The launcher's pid records: "pid KIND startedAtMillis" in .local/pids/name.pid. */
    private Map<String, Long> stackProcesses() {
        Map<String, Long> processes = new LinkedHashMap<>();
        Path pids = root.resolve(".local/pids");
        if (!Files.isDirectory(pids)) {
            return processes;
        }
        try (Stream<Path> files = Files.list(pids)) {
            files.filter(file -> file.getFileName().toString().endsWith(".pid")).sorted().forEach(file -> {
                try {
                    String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                    processes.put(name, Long.parseLong(Files.readString(file).trim().split("\\s+")[0]));
                } catch (IOException | RuntimeException e) {
                    // a record being rewritten: the next sample reads it
                }
            });
        } catch (IOException e) {
            return processes;
        }
        return processes;
    }

    private Optional<Long> postmaster() {
        try {
            List<String> lines = Files.readAllLines(root.resolve(".local/postgres/postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The postmaster, the exited backends it reaped, and every live backend. Memory is each one's proportional share
     * (Pss): every backend maps the same shared buffers, which RSS would count once per backend. The backends are
     * looked up, and their memory read, only now and then; other samples reuse both. A backend that exits in between
     * is counted by the postmaster, which reaps it; one that starts in between is counted from the next lookup.
     */
    private Usage postgres(long postmaster, boolean lookUp, boolean memory) {
        if (lookUp) {
            backends = children(postmaster);
        }
        if (memory) {
            postgresPssKb = pssKb(postmaster) + backends.stream().mapToLong(ProcessSampler::pssKb).sum();
        }
        double cpu = 0;
        Optional<long[]> own = stat(postmaster);
        if (own.isPresent()) {
            cpu += (own.get()[0] + own.get()[1] + own.get()[2] + own.get()[3]) / TICKS_PER_SECOND;
        }
        for (long backend : backends) {
            Optional<long[]> times = stat(backend).filter(found -> found[4] == postmaster);
            if (times.isPresent()) {
                cpu += (times.get()[0] + times.get()[1]) / TICKS_PER_SECOND;
            }
        }
        return new Usage(cpu, postgresPssKb);
    }

    /** A process's CPU times, and its resident size as last read (read again when memory is). */
    private Optional<Usage> usage(long pid, boolean memory) {
        return stat(pid).map(times -> new Usage((times[0] + times[1]) / TICKS_PER_SECOND,
                memory ? readRss(pid) : lastRssKb.computeIfAbsent(pid, ProcessSampler::rssKb)));
    }

    private long readRss(long pid) {
        long kb = rssKb(pid);
        lastRssKb.put(pid, kb);
        return kb;
    }

    /** utime, stime, cutime, cstime (fields 14-17 of /proc/pid/stat), and the parent pid last. */
    private static Optional<long[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3): field n is fields[n - 3]
            return Optional.of(new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]), Long.parseLong(fields[14]), Long.parseLong(fields[1])});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long pssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
            return lines.filter(line -> line.startsWith("Pss:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(pid -> stat(pid).filter(times -> times[4] == parent).ifPresent(times -> children.add(pid)));
        } catch (IOException e) {
            return children;
        }
        return children;
    }
}
