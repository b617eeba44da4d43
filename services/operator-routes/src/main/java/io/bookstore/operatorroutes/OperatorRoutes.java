package io.bookstore.operatorroutes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceLoader;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the operator routes before Camel starts: {@code routes/shared/*.yaml} (the error policy) and the service's
 * own folder (the one camel.main.routes-reload-directory watches, e.g. {@code routes/orchestrator}) under ROUTES_DIR,
 * as files, so that camel.main.routes-reload-* can replace them on save. Camel's own routes-include-pattern fails
 * the start when the folder is missing; the service starts without its operator routes instead, and says so.
 */
public class OperatorRoutes implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRoutes.class);

    private final Path directory;
    private final Path serviceFolder;

    public OperatorRoutes(Path directory, Path serviceFolder) {
        this.directory = directory.toAbsolutePath().normalize();
        this.serviceFolder = serviceFolder.toAbsolutePath().normalize();
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        if (!Files.isDirectory(serviceFolder)) {
            LOG.warn("no operator routes: {} is not a folder (ROUTES_DIR names the repository's routes/)",
                    serviceFolder);
            return;
        }
        ResourceLoader resources = PluginHelper.getResourceLoader(camel);
        Resource[] files = Stream.of(directory.resolve("shared"), serviceFolder).flatMap(OperatorRoutes::yamlFiles)
                .map(file -> resources.resolveResource("file:" + file)).toArray(Resource[]::new);
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(files);
        } catch (Exception e) {
            throw new IllegalStateException("the operator routes under " + directory + " do not load", e);
        }
        LOG.info("operator routes loaded from {}: {}", directory, Stream.of(files).map(Resource::getLocation).toList());
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }

    private static Stream<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
