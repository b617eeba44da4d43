package io.bookstore.composecheck;

import io.bookstore.composecheck.ComposeService.Mount;
import io.bookstore.composecheck.ComposeService.PublishedPort;
import io.bookstore.localstack.stack.StackDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The consistency rules between docker-compose.yml, .env.template, the Dockerfile, docker/ and the services. Each
 * returns its problems, one sentence each; none means the rule holds.
 */
final class ComposeChecks {

    /** Variables the JVM reads itself, rather than the service's configuration. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    private static final Pattern PINNED_IMAGE = Pattern.compile("[^:@\\s]+(:[A-Za-z0-9_.-]*[0-9][A-Za-z0-9_.-]*|@sha256:[0-9a-f]{64})");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential).*");
    private static final Pattern ADDRESS = Pattern.compile("(?:^|[/,@])([A-Za-z0-9][A-Za-z0-9.-]*):(\\d+)");
    private static final Pattern CREATE_DATABASE = Pattern.compile("(?i)CREATE\\s+DATABASE\\s+\"?([A-Za-z0-9_]+)\"?");
    private static final Pattern ZOOKEEPER_SERVER = Pattern.compile("(?m)^server\\.(\\d+)=([^:\\s]+):");
    private static final Pattern METER = Pattern.compile(
            "(?:Counter|Gauge|Timer|DistributionSummary|LongTaskTimer|FunctionCounter)\\.builder\\(\\s*\"([a-z][a-z0-9.]*)\"");
    /** Meters of the libraries every service has: Camel's route metrics, Spring's HTTP server metrics, and up. */
    private static final List<String> LIBRARY_METRIC_PREFIXES = List.of("camel_", "http_server_requests_", "jvm_", "process_");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "on", "and", "or", "unless", "without", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");

    private ComposeChecks() {
    }

    static List<String> everyServiceHasAnExistingBuildOrAPinnedImage(Stack stack) {
        List<String> problems = new ArrayList<>();
        for (ComposeService service : stack.services().values()) {
            Optional<Map<String, Object>> build = service.build();
            if (build.isPresent()) {
                Path context = stack.root().resolve(String.valueOf(build.get().getOrDefault("context", "."))).normalize();
                Path dockerfile = context.resolve(String.valueOf(build.get().getOrDefault("dockerfile", "Dockerfile")));
                if (!Files.isDirectory(context)) {
                    problems.add(service.name() + ": build context " + context + " does not exist");
                } else if (!Files.isRegularFile(dockerfile)) {
                    problems.add(service.name() + ": Dockerfile " + dockerfile + " does not exist");
                }
                Optional<String> module = service.module();
                if (module.isEmpty()) {
                    problems.add(service.name() + ": its build names no MODULE (the Maven module the image runs)");
                } else if (!stack.modules().exists(module.get())) {
                    problems.add(service.name() + ": MODULE " + module.get() + " is no module under services/");
                }
            } else if (service.image().isEmpty()) {
                problems.add(service.name() + ": neither an image nor a build");
            } else if (!PINNED_IMAGE.matcher(service.image().get()).matches()) {
                problems.add(service.name() + ": image " + service.image().get() + " is not pinned to a version");
            }
        }
        return problems;
    }

    static List<String> imagesRunAsNonRootAndHoldNoSecrets(Stack stack) {
        List<String> problems = new ArrayList<>();
        Set<Path> dockerfiles = new TreeSet<>();
        Set<Path> contexts = new TreeSet<>();
        for (ComposeService service : stack.builtServices()) {
            Map<String, Object> build = service.build().orElseThrow();
            Path context = stack.root().resolve(String.valueOf(build.getOrDefault("context", "."))).normalize();
            contexts.add(context);
            dockerfiles.add(context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))));
        }
        for (Path dockerfile : dockerfiles) {
            if (!Files.isRegularFile(dockerfile)) {
                continue;
            }
            List<String> instructions = Stack.lines(dockerfile).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            int lastStage = 0;
            for (int i = 0; i < instructions.size(); i++) {
                if (instructions.get(i).toUpperCase(Locale.ROOT).startsWith("FROM ")) {
                    lastStage = i;
                }
            }
            List<String> users = instructions.subList(lastStage, instructions.size()).stream()
                    .filter(line -> line.toUpperCase(Locale.ROOT).startsWith("USER "))
                    .map(line -> line.substring(5).strip().split(":")[0]).toList();
            if (users.isEmpty() || users.get(users.size() - 1).equals("root") || users.get(users.size() - 1).equals("0")) {
                problems.add(dockerfile + ": the image it runs does not end with a USER other than root");
            }
            instructions.stream()
                    .filter(line -> line.toUpperCase(Locale.ROOT).matches("(ENV|ARG)\\s.*"))
                    .filter(line -> SECRET_NAME.matcher(line.substring(4).strip().split("[=\\s]")[0]).matches())
                    .forEach(line -> problems.add(dockerfile + ": bakes a secret into the image: " + line));
        }
        for (Path context : contexts) {
            Path dockerignore = context.resolve(".dockerignore");
            if (!Files.isRegularFile(dockerignore) || Stack.lines(dockerignore).stream().map(String::strip).noneMatch(".env"::equals)) {
                problems.add(context + ": .dockerignore does not keep .env (the secrets) out of the build context");
            }
        }
        return problems;
    }

    static List<String> everyVariableIsInTheTemplateWithAComment(Stack stack) {
        List<String> problems = new ArrayList<>();
        Set<String> used = stack.composeVariables();
        Map<String, EnvTemplate.Variable> listed = stack.template().variables();
        used.stream().filter(name -> !listed.containsKey(name))
                .forEach(name -> problems.add(Stack.COMPOSE_FILE + " uses ${" + name + "}, which " + Stack.ENV_TEMPLATE + " does not list"));
        listed.values().stream().filter(variable -> !variable.commented())
                .forEach(variable -> problems.add(Stack.ENV_TEMPLATE + ":" + variable.line() + ": " + variable.name()
                        + " has no comment line directly above it"));
        listed.keySet().stream().filter(name -> !used.contains(name))
                .forEach(name -> problems.add(Stack.ENV_TEMPLATE + " lists " + name + ", which " + Stack.COMPOSE_FILE + " does not use"));
        return problems;
    }

    static List<String> hostPortsDoNotCollide(Stack stack) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (ComposeService service : stack.services().values()) {
            for (PublishedPort port : service.publishedPorts(stack::interpolate)) {
                if (!port.hostPort().matches("\\d{1,5}")) {
                    problems.add(service.name() + ": host port '" + port.hostPort() + "' is no port number");
                    continue;
                }
                owners.computeIfAbsent(port.hostPort() + "/" + port.protocol(), key -> new ArrayList<>()).add(service.name());
            }
        }
        owners.forEach((port, services) -> {
            if (services.size() > 1) {
                problems.add("host port " + port + " is published by " + String.join(" and ", services));
            }
        });
        return problems;
    }

    static List<String> everyServiceVariableIsOneTheServiceReads(Stack stack) {
        List<String> problems = new ArrayList<>();
        for (ComposeService service : stack.builtServices()) {
            String module = service.module().orElseThrow();
            if (!stack.modules().exists(module)) {
                continue;
            }
            Set<String> read = stack.modules().variablesRead(module);
            Set<String> springProperties = springProperties(stack.modules().applicationYaml(module));
            service.environment().forEach((name, value) -> {
                if (read.contains(name) || JVM_VARIABLES.contains(name)) {
                    return;
                }
                if (name.equals("SPRING_PROFILES_ACTIVE")) {
                    for (String profile : value.split(",")) {
                        if (!stack.modules().hasProfile(module, profile.strip())) {
                            problems.add(service.name() + ": profile " + profile.strip() + " has no application-"
                                    + profile.strip() + ".yaml in " + module);
                        }
                    }
                } else if (!springProperties.contains(name.toLowerCase(Locale.ROOT).replace('_', '.'))) {
                    problems.add(service.name() + " sets " + name + ", which " + module
                            + " does not read (no ${" + name + "} placeholder, no such property in its application.yaml)");
                }
            });
        }
        return problems;
    }

    static List<String> everyLocalStackVariableTheServiceReadsIsSet(Stack stack) {
        List<String> problems = new ArrayList<>();
        for (ComposeService service : stack.builtServices()) {
            String module = service.module().orElseThrow();
            if (!stack.modules().exists(module)) {
                continue;
            }
            Set<String> read = stack.modules().variablesRead(module);
            StackDefinition.SERVICE_VARIABLES.stream().sorted()
                    .filter(read::contains)
                    .filter(name -> !service.environment().containsKey(name))
                    .forEach(name -> problems.add(service.name() + " does not set " + name + ", which " + module
                            + " reads and make up gives it"));
        }
        return problems;
    }

    static List<String> everyServiceInstanceHasItsOwnInstanceId(Stack stack) {
        List<String> problems = new ArrayList<>();
        for (ComposeService service : stack.builtServices()) {
            String instanceId = service.environment().get("INSTANCE_ID");
            if (!service.name().equals(instanceId)) {
                problems.add(service.name() + ": INSTANCE_ID is " + instanceId + ", not its service name (its vector-clock"
                        + " entry, its name in the election and its Prometheus instance)");
            }
            service.replicas().filter(replicas -> replicas > 1).ifPresent(replicas -> problems.add(service.name()
                    + ": " + replicas + " replicas would share one INSTANCE_ID; declare one service per replica"));
        }
        return problems;
    }

    static List<String> orderExecutorRunsAsThreeReplicas(Stack stack) {
        List<ComposeService> executors = stack.builtServices().stream()
                .filter(service -> service.module().orElseThrow().equals("order-executor")).toList();
        List<String> problems = new ArrayList<>();
        if (executors.size() != 3) {
            problems.add("order-executor runs as " + executors.size() + " services, not 3: " + names(executors));
        }
        for (String variable : List.of("INSTANCE_ID", "HTTP_PORT")) {
            Set<String> values = executors.stream().map(service -> service.environment().get(variable)).collect(Collectors.toSet());
            if (values.size() != executors.size() || values.contains(null)) {
                problems.add("the order executors " + names(executors) + " do not each have their own " + variable);
            }
        }
        return problems;
    }

    static List<String> zookeeperNodesRunTheComposeEnsembleConfig(Stack stack) {
        List<String> problems = new ArrayList<>();
        Path config = stack.root().resolve("zookeeper/compose/zoo.cfg");
        List<ComposeService> nodes = stack.services().values().stream()
                .filter(service -> service.image().orElse("").startsWith("zookeeper:")).toList();
        if (nodes.size() != 3) {
            problems.add("the ZooKeeper ensemble has " + nodes.size() + " nodes, not 3: " + names(nodes));
        }
        if (!Files.isRegularFile(config)) {
            problems.add(config + " does not exist");
            return problems;
        }
        String text = Stack.read(config);
        Map<String, String> hostById = new LinkedHashMap<>();
        Matcher server = ZOOKEEPER_SERVER.matcher(text);
        while (server.find()) {
            hostById.put(server.group(1), server.group(2));
        }
        Matcher clientPort = Pattern.compile("(?m)^clientPort=(\\d+)").matcher(text);
        String port = clientPort.find() ? clientPort.group(1) : "2181";
        for (ComposeService node : nodes) {
            if (!hostPath(stack, node, "/conf/zoo.cfg").map(config::equals).orElse(false)) {
                problems.add(node.name() + " does not mount zookeeper/compose/zoo.cfg as /conf/zoo.cfg");
            }
            String id = node.environment().get("ZOO_MY_ID");
            if (!node.name().equals(hostById.get(id))) {
                problems.add(node.name() + ": ZOO_MY_ID " + id + " is server." + id + "=" + hostById.get(id) + " in zoo.cfg");
            }
        }
        if (!hostById.values().stream().sorted().toList().equals(nodes.stream().map(ComposeService::name).sorted().toList())) {
            problems.add("zoo.cfg's servers " + hostById.values() + " are not the compose nodes " + names(nodes));
        }
        Set<String> ensemble = nodes.stream().map(node -> node.name() + ":" + port).collect(Collectors.toSet());
        for (ComposeService service : stack.builtServices()) {
            String connect = service.environment().get("ZOOKEEPER_CONNECT");
            if (connect != null && !Set.of(connect.split(",")).equals(ensemble)) {
                problems.add(service.name() + ": ZOOKEEPER_CONNECT " + connect + " is not the ensemble " + ensemble);
            }
        }
        return problems;
    }

    static List<String> routesAreMountedWhereRoutesDirIsRead(Stack stack) {
        List<String> problems = new ArrayList<>();
        Path routes = stack.root().resolve("routes");
        for (ComposeService service : stack.builtServices()) {
            String module = service.module().orElseThrow();
            if (!stack.modules().exists(module) || !stack.modules().variablesRead(module).contains("ROUTES_DIR")) {
                continue;
            }
            String directory = service.environment().get("ROUTES_DIR");
            if (directory == null) {
                problems.add(service.name() + ": " + module + " reads ROUTES_DIR, which is not set");
            } else if (!hostPath(stack, service, directory).map(routes::equals).orElse(false)) {
                problems.add(service.name() + ": routes/ is not mounted at ROUTES_DIR " + directory + ", so edits do not reload");
            }
            if (!Files.isDirectory(routes)) {
                problems.add(service.name() + ": " + module + " reads ROUTES_DIR, but " + routes + " does not exist");
            }
        }
        return problems;
    }

    static List<String> everyAddressNamesAServiceOnAPortItServes(Stack stack) {
        List<String> problems = new ArrayList<>();
        for (ComposeService service : stack.builtServices()) {
            service.environment().forEach((name, value) -> {
                if (JVM_VARIABLES.contains(name)) {
                    return;
                }
                Matcher address = ADDRESS.matcher(stack.interpolate(value));
                while (address.find()) {
                    String host = address.group(1);
                    String port = address.group(2);
                    ComposeService target = stack.services().get(host);
                    if (target == null) {
                        problems.add(service.name() + ": " + name + " names " + host + ", which is no service of "
                                + Stack.COMPOSE_FILE);
                    } else if (!servedPorts(stack, target).contains(port)) {
                        problems.add(service.name() + ": " + name + " names " + host + ":" + port + ", but " + host
                                + " serves " + servedPorts(stack, target));
                    }
                }
            });
        }
        return problems;
    }

    static List<String> everyDatabaseIsCreatedAndOwnedByItsService(Stack stack) {
        List<String> problems = new ArrayList<>();
        Optional<ComposeService> postgres = stack.services().values().stream()
                .filter(service -> service.image().orElse("").startsWith("postgres:")).findFirst();
        if (postgres.isEmpty()) {
            return List.of("no postgres service");
        }
        Optional<Path> init = hostPath(stack, postgres.get(), "/docker-entrypoint-initdb.d");
        Set<String> created = new TreeSet<>();
        init.filter(Files::isDirectory).ifPresent(directory -> files(directory).filter(file -> file.toString().endsWith(".sql"))
                .forEach(script -> {
                    Matcher matcher = CREATE_DATABASE.matcher(Stack.read(script));
                    while (matcher.find()) {
                        created.add(matcher.group(1));
                    }
                }));
        if (created.isEmpty()) {
            problems.add(postgres.get().name() + " mounts no init script creating databases at /docker-entrypoint-initdb.d");
        }
        Set<String> used = new HashSet<>();
        for (ComposeService service : stack.builtServices()) {
            String url = service.environment().get("DB_URL");
            if (url == null) {
                continue;
            }
            String database = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
            used.add(database);
            if (!created.contains(database)) {
                problems.add(service.name() + ": database " + database + " is not created by the init script " + created);
            }
            stack.modules().defaultDatabase(service.module().orElseThrow()).filter(owned -> !owned.equals(database))
                    .ifPresent(owned -> problems.add(service.name() + ": DB_URL names database " + database + ", but "
                            + service.module().orElseThrow() + " owns " + owned));
        }
        created.stream().filter(database -> !used.contains(database))
                .forEach(database -> problems.add("database " + database + " is created but no service uses it"));
        return problems;
    }

    static List<String> servicesWaitForHealthyDependencies(Stack stack) {
        List<String> problems = new ArrayList<>();
        for (ComposeService service : stack.services().values()) {
            if (!service.hasHealthcheck()) {
                problems.add(service.name() + " has no healthcheck");
            }
            service.dependsOn().forEach((dependency, condition) -> {
                ComposeService target = stack.services().get(dependency);
                if (target == null) {
                    problems.add(service.name() + " depends on " + dependency + ", which is no service");
                } else if (target.hasHealthcheck() && !condition.equals("service_healthy")) {
                    problems.add(service.name() + " waits for " + dependency + " to be " + condition + ", not service_healthy");
                }
            });
        }
        return problems;
    }

    static List<String> servicePortsArePublishedAsInMakeUp(Stack stack) {
        List<String> problems = new ArrayList<>();
        for (ComposeService service : stack.builtServices()) {
            List<PublishedPort> published = service.publishedPorts(stack::interpolate);
            for (String variable : List.of("HTTP_PORT", "GRPC_PORT")) {
                String port = service.environment().get(variable);
                if (port == null) {
                    continue;
                }
                boolean same = published.stream().anyMatch(p -> p.containerPort().equals(port) && p.hostPort().equals(port));
                if (!same) {
                    problems.add(service.name() + ": its " + variable + " " + port + " is not published on host port " + port);
                }
            }
        }
        return problems;
    }

    static List<String> prometheusScrapesEveryService(Stack stack) {
        Optional<ComposeService> prometheus = stack.services().values().stream()
                .filter(service -> service.image().orElse("").startsWith("prom/prometheus:")).findFirst();
        Optional<Path> config = prometheus.flatMap(service -> hostPath(stack, service, "/etc/prometheus/prometheus.yml"));
        if (config.isEmpty() || !Files.isRegularFile(config.get())) {
            return List.of("no prometheus service with its configuration mounted at /etc/prometheus/prometheus.yml");
        }
        List<String> problems = new ArrayList<>();
        Set<String> targets = new TreeSet<>();
        Map<String, Object> root = new Yaml().load(Stack.read(config.get()));
        for (Object job : ComposeService.list(root.get("scrape_configs"))) {
            Map<String, Object> scrape = ComposeService.map(job);
            if (!"/actuator/prometheus".equals(scrape.get("metrics_path"))) {
                problems.add("scrape job " + scrape.get("job_name") + " does not read /actuator/prometheus");
            }
            for (Object group : ComposeService.list(scrape.get("static_configs"))) {
                ComposeService.list(ComposeService.map(group).get("targets")).forEach(target -> targets.add(String.valueOf(target)));
            }
        }
        Set<String> expected = stack.builtServices().stream()
                .map(service -> service.name() + ":" + service.environment().get("HTTP_PORT"))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!targets.equals(expected)) {
            problems.add(config.get() + " scrapes " + targets + ", not the services " + expected);
        }
        return problems;
    }

    static List<String> grafanaDashboardsUseTheProvisionedDatasourceAndExistingMetrics(Stack stack) {
        Optional<ComposeService> grafana = stack.services().values().stream()
                .filter(service -> service.image().orElse("").startsWith("grafana/grafana:")).findFirst();
        if (grafana.isEmpty()) {
            return List.of("no grafana service");
        }
        List<String> problems = new ArrayList<>();
        Optional<Path> provisioning = hostPath(stack, grafana.get(), "/etc/grafana/provisioning");
        if (provisioning.isEmpty() || !Files.isDirectory(provisioning.get())) {
            return List.of("grafana mounts no provisioning directory at /etc/grafana/provisioning");
        }
        Set<String> datasources = new TreeSet<>();
        yamlFiles(provisioning.get().resolve("datasources")).forEach(file -> ComposeService
                .list(file.get("datasources")).forEach(source -> datasources.add(String.valueOf(ComposeService.map(source).get("uid")))));
        List<Path> dashboards = new ArrayList<>();
        yamlFiles(provisioning.get().resolve("dashboards")).forEach(file -> ComposeService.list(file.get("providers")).forEach(provider -> {
            String path = String.valueOf(ComposeService.map(ComposeService.map(provider).get("options")).get("path"));
            Optional<Path> directory = hostPath(stack, grafana.get(), path);
            if (directory.isEmpty() || !Files.isDirectory(directory.get())) {
                problems.add("dashboard provider path " + path + " is not a directory mounted into grafana");
            } else {
                files(directory.get()).filter(dashboard -> dashboard.toString().endsWith(".json")).forEach(dashboards::add);
            }
        }));
        if (dashboards.isEmpty()) {
            problems.add("grafana is provisioned with no dashboard");
        }
        String home = grafana.get().environment().get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        if (home != null && !hostPath(stack, grafana.get(), home).map(Files::isRegularFile).orElse(false)) {
            problems.add("grafana's home dashboard " + home + " is no mounted file");
        }
        Set<String> meters = registeredMetricNames(stack);
        for (Path dashboard : dashboards) {
            for (DashboardQuery query : DashboardQuery.read(dashboard)) {
                if (!datasources.contains(query.datasourceUid())) {
                    problems.add(dashboard.getFileName() + ": panel '" + query.panel() + "' uses datasource "
                            + query.datasourceUid() + ", not one provisioned " + datasources);
                }
                metricNames(query.expression()).stream().filter(metric -> !knownMetric(metric, meters))
                        .forEach(metric -> problems.add(dashboard.getFileName() + ": panel '" + query.panel() + "' queries "
                                + metric + ", which no service registers"));
            }
        }
        return problems;
    }

    /** The names Prometheus gives the meters the services register (executor.orders: executor_orders_total, ...). */
    private static Set<String> registeredMetricNames(Stack stack) {
        Set<String> names = new HashSet<>();
        for (String source : stack.modules().mainJavaSources()) {
            Matcher meter = METER.matcher(source);
            while (meter.find()) {
                String base = meter.group(1).replace('.', '_');
                Stream.of("", "_total", "_count", "_sum", "_max", "_bucket", "_seconds", "_seconds_count",
                        "_seconds_sum", "_seconds_max", "_seconds_bucket").forEach(suffix -> names.add(base + suffix));
            }
        }
        return names;
    }

    private static boolean knownMetric(String metric, Set<String> meters) {
        return metric.equals("up") || meters.contains(metric) || LIBRARY_METRIC_PREFIXES.stream().anyMatch(metric::startsWith);
    }

    /** The metric names of a PromQL expression: its identifiers less functions, keywords, labels and strings. */
    static Set<String> metricNames(String expression) {
        String bare = expression
                .replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            if (identifier.group(2) == null && !PROMQL_WORDS.contains(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    /** The ports a service answers on inside the compose network. */
    private static Set<String> servedPorts(Stack stack, ComposeService service) {
        Set<String> ports = new TreeSet<>(service.containerPorts(stack::interpolate));
        Stream.of("HTTP_PORT", "GRPC_PORT").map(service.environment()::get).filter(port -> port != null).forEach(ports::add);
        return ports;
    }

    /** Where a path inside the service's container comes from on the host, through its bind mounts. */
    static Optional<Path> hostPath(Stack stack, ComposeService service, String containerPath) {
        return service.mounts().stream().filter(Mount::isBind)
                .filter(mount -> containerPath.equals(mount.target()) || containerPath.startsWith(mount.target() + "/"))
                .max((a, b) -> Integer.compare(a.target().length(), b.target().length()))
                .map(mount -> {
                    Path source = stack.root().resolve(mount.source()).normalize();
                    String rest = containerPath.substring(mount.target().length());
                    return rest.isEmpty() ? source : source.resolve(rest.substring(1)).normalize();
                });
    }

    /** The Spring properties an application.yaml sets, in the form an environment variable binds to (lower case, no dashes). */
    private static Set<String> springProperties(String applicationYaml) {
        Set<String> properties = new HashSet<>();
        for (Object document : new Yaml().loadAll(applicationYaml)) {
            flatten("", document, properties);
        }
        return properties;
    }

    private static void flatten(String prefix, Object node, Set<String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix + String.valueOf(key).toLowerCase(Locale.ROOT).replace("-", "") + ".", value, into));
        } else if (!prefix.isEmpty()) {
            into.add(prefix.substring(0, prefix.length() - 1));
        }
    }

    private static List<Map<String, Object>> yamlFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        return files(directory).filter(file -> file.toString().matches(".*\\.ya?ml$"))
                .map(file -> ComposeService.map(new Yaml().load(Stack.read(file)))).filter(map -> map != null).toList();
    }

    private static Stream<Path> files(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String names(List<ComposeService> services) {
        return services.stream().map(ComposeService::name).toList().toString();
    }
}
