package io.bookstore.executor.sagalog;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The threads sagas move on. A saga holds no thread while it waits for a reply: a reply, a retry or a deadline hands
 * it back to these threads, so their number bounds how many sagas do work at the same instant, not how many run.
 * (Not Executor beans: one would replace Spring Boot's task executor, which the HTTP engine needs.)
 */
@Component
public class SagaThreads implements DisposableBean {

    private final ExecutorService executor;
    private final ScheduledExecutorService timer;

    public SagaThreads(SagaProperties properties, @Value("${bookstore.instance-id}") String instance) {
        executor = new ThreadPoolExecutor(properties.threads(), properties.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named(instance + "-saga-"));
        timer = Executors.newSingleThreadScheduledExecutor(named(instance + "-saga-timer-"));
    }

    /** Where saga work runs. */
    public ExecutorService executor() {
        return executor;
    }

    /** Fires retries and the deadline sweep; the work itself goes to the executor. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        executor.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
