package io.bookstore.operatorroutes;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** A service that watches a folder of operator routes (camel.main.routes-reload-directory) loads them at start. */
@AutoConfiguration
@ConditionalOnProperty("camel.main.routes-reload-directory")
public class OperatorRoutesAutoConfiguration {

    @Bean
    OperatorRoutes operatorRoutes(@Value("${bookstore.routes-dir}") Path directory,
                                  @Value("${camel.main.routes-reload-directory}") Path serviceFolder) {
        return new OperatorRoutes(directory, serviceFolder);
    }
}
