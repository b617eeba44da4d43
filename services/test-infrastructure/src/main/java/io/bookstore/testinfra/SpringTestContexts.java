package io.bookstore.testinfra;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Remembers every Spring Boot application context the test JVM starts (Spring Boot applies the initializers listed
 * in {@code META-INF/spring.factories}), so that they can be closed while the servers they use still run: Spring's
 * test context cache keeps them open until the JVM's exit.
 */
public class SpringTestContexts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Deque<ConfigurableApplicationContext> started = new ConcurrentLinkedDeque<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        started.push(context);
        context.addApplicationListener(new Forget(context));
    }

    /** Closes the contexts, the latest first; closing one already closed does nothing. */
    static void closeAll() {
        ConfigurableApplicationContext context;
        while ((context = started.poll()) != null) {
            context.close();
        }
    }

    /** A context closed by the test framework (a dirtied or evicted one) is not kept from the garbage collector. */
    private record Forget(ConfigurableApplicationContext context) implements ApplicationListener<ContextClosedEvent> {
        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            if (event.getApplicationContext() == context) {
                started.remove(context);
            }
        }
    }
}
