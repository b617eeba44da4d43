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
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples, once a second, the CPU time and resident memory of every process of the local stack (the pids the
 * launcher records under .local/pids; PostgreSQL as its postmaster with all its backends, the backends of each
 * database apart) and of this load generator, from /proc. A phase's CPU seconds are the difference between the
 * samples around it.
 * <p>
 * CPU times are read every second, PostgreSQL's backends looked up every second too (the postmaster's list of its
 * children, and the title of each new one), and memory read every {@link #MEMORY_EVERY}: the backends'
 * (smaps_rollup, for which the kernel walks each backend's page tables, the shared buffers included) and every
 * process's resident size. Read every second, the backends' memory kept the sampler at 5.6 % of a core (about 12 s
 * of CPU per make bench run, on the cores the stack runs on); every 10 s, it was still 15 % of the load generator's
 * CPU in a measured phase (async-profiler). The report's memory is the whole run's maximum, which moves slowly.
 */
public final class ProcessSampler implements AutoCloseable {

    /** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture we run on. */
    private static final double TICKS_PER_SECOND = 100.0;
    public static final String LOAD_GENERATOR = "load-generator (gatling)";
    public static final String POSTGRES = "postgres (server)";
    /** The backends serving one database: this prefix and the database's name. */
    public static final String POSTGRES_DATABASE = "postgres: ";

    private static final int MEMORY_EVERY = 30;

    private final Path root;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-process-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private int taken;
    /** The postmaster's children by pid: the database a backend serves, or "" for PostgreSQL's own processes. */
    private Map<Long, String> backends = Map.of();
    private final Map<Long, Double> lastBackendCpu = new HashMap<>();
    /** By database, the CPU seconds of its backends that have exited, as last read. */
    private final Map<String, Double> exitedCpu = new HashMap<>();
    private long postgresPssKb;
    private final Map<Long, Long> lastRssKb = new HashMap<>();

    public record Usage(double cpuSeconds, long rssKb) {
    }

    /**
     * loadAverage: the machine's 1-minute load average, which tells how much else competed for the CPUs; counters:
     * the stack's work in counts (StackCounters).
     */
    public record Sample(long atMillis, Map<String, Usage> usage, double loadAverage, Map<String, Long> counters) {
    }

    private final StackCounters counters;

    public ProcessSampler(Path root) {
        this.root = root;
        this.counters = new StackCounters(root, System.getenv());
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
        counters.close();
    }

    private void sample() {
        sample(false);
    }

    private synchronized void sample(boolean last) {
        boolean memory = last || taken % MEMORY_EVERY == 0;
        taken++;
        Map<String, Usage> usage = new LinkedHashMap<>();
        stackProcesses().forEach((name, pid) -> usage(pid, memory).ifPresent(found ->
                usage.put(name.equals("postgres") ? "postgres (keeper JVM)" : name, found)));
        postmaster().ifPresent(pid -> usage.putAll(postgres(pid, memory)));
        usage(ProcessHandle.current().pid(), memory).ifPresent(found -> usage.put(LOAD_GENERATOR, found));
        samples.add(new Sample(System.currentTimeMillis(), usage, loadAverage(), counters.read()));
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
     * The server (the postmaster, the exited backends it reaped, its own processes such as the WAL writer) and the
     * live backends of each database (named in the process title a backend sets: "postgres: user database host").
     * Memory is the server's, for all of them: each one's proportional share (Pss), since every backend maps the same
     * shared buffers, which RSS would count once per backend; read only now and then, other samples reuse it. A
     * backend that exits stays with its database for the CPU it had when last read, the rest is the server's (which
     * reaps it); one that starts and exits between two samples is the server's.
     */
    private Map<String, Usage> postgres(long postmaster, boolean memory) {
        Map<Long, String> found = new HashMap<>();
        // a title is read once per backend; a new one may still have the postmaster's, so an empty one is read again
        children(postmaster).forEach(pid -> found.put(pid,
                backends.getOrDefault(pid, "").isEmpty() ? database(pid) : backends.get(pid)));
        backends.forEach((pid, database) -> {
            if (!found.containsKey(pid)) {
                exited(pid, database);
            }
        });
        backends = found;
        if (memory) {
            postgresPssKb = pssKb(postmaster) + backends.keySet().stream().mapToLong(ProcessSampler::pssKb).sum();
        }
        double server = 0;
        Optional<long[]> own = stat(postmaster);
        if (own.isPresent()) {
            server += (own.get()[0] + own.get()[1] + own.get()[2] + own.get()[3]) / TICKS_PER_SECOND;
        }
        Map<String, Double> databases = new TreeMap<>();
        for (Map.Entry<Long, String> backend : backends.entrySet()) {
            Optional<long[]> times = stat(backend.getKey()).filter(read -> read[4] == postmaster);
            if (times.isEmpty()) {
                exited(backend.getKey(), backend.getValue());
                continue;
            }
            double cpu = (times.get()[0] + times.get()[1]) / TICKS_PER_SECOND;
            lastBackendCpu.put(backend.getKey(), cpu);
            if (backend.getValue().isEmpty()) {
                server += cpu;
            } else {
                databases.merge(backend.getValue(), cpu, Double::sum);
            }
        }
        // the postmaster's reaped children include the exited backends (one may have exited just now), counted with
        // their databases
        exitedCpu.forEach((database, cpu) -> databases.merge(database, cpu, Double::sum));
        server -= exitedCpu.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Usage> usage = new LinkedHashMap<>();
        usage.put(POSTGRES, new Usage(Math.max(0, server), postgresPssKb));
        databases.forEach((database, cpu) -> usage.put(POSTGRES_DATABASE + database, new Usage(cpu, 0)));
        return usage;
    }

    private void exited(long pid, String database) {
        Double last = lastBackendCpu.remove(pid);
        if (last != null && !database.isEmpty()) {
            exitedCpu.merge(database, last, Double::sum);
        }
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

    /** The process's children, as the kernel lists them (one file), else found among all processes. */
    private static List<Long> children(long parent) {
        try {
            String listed = Files.readString(Path.of("/proc", Long.toString(parent), "task", Long.toString(parent),
                    "children")).strip();
            return listed.isEmpty() ? List.of() : Stream.of(listed.split("\\s+")).map(Long::parseLong).toList();
        } catch (IOException | RuntimeException e) {
            List<Long> children = new ArrayList<>();
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                processes.map(path -> path.getFileName().toString())
                        .filter(name -> name.chars().allMatch(Character::isDigit))
                        .map(Long::parseLong)
                        .forEach(pid -> stat(pid).filter(times -> times[4] == parent)
                                .ifPresent(times -> children.add(pid)));
            } catch (IOException notListed) {
                return children;
            }
            return children;
        }
    }

    /**
     * The database a backend serves, from the title it sets ("postgres: user database host(port) state"), or "" for
     * PostgreSQL's own processes ("postgres: walwriter").
     */
    static String database(long pid) {
        try {
            return databaseInTitle(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String databaseInTitle(String title) {
        String[] words = title.replace('\0', ' ').strip().split("\\s+");
        return words.length >= 4 && words[0].equals("postgres:")
                && (words[3].contains("(") || words[3].equals("[local]")) ? words[2] : "";
    }
}
